package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The book check passes only on levels it compared: REST books lined up with a socket book that show no level at all
 * are comparisons with nothing in them, a WARN; one agreeing level is a PASS. No REST thread runs: the REST books are
 * handed to the audit as its auditor would.
 */
class BookCheckEvidenceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private static CheckResult judged(List<SocketBook.Level> restBids, List<Event.L2Update> snapshot) {
        BookAudit audit = new BookAudit(new dev.feedctl.transport.RestClient(URI.create("http://127.0.0.1:1"), null,
                null, 1, Duration.ofSeconds(1)), List.of("DOGE-USD"), 10, System.nanoTime());
        audit.fold(new dev.feedctl.protocol.Frame.Data("l2_data", "", T0, 1L, List.of(new Event.L2("snapshot",
                "DOGE-USD", snapshot))));
        audit.auditor.books.add(new BookAuditor.RestBook("DOGE-USD", T0.plusMillis(10), restBids, List.of(),
                System.nanoTime()));
        audit.fold(new dev.feedctl.protocol.Frame.Data("l2_data", "", T0.plusSeconds(2), 2L, List.of(new Event.L2(
                "update", "DOGE-USD", List.of()))));
        audit.drainLast();
        return BookCheck.check(new BookFindings(audit));
    }

    @Test
    void emptyBooksOnBothSidesAreNoEvidence() {
        CheckResult r = judged(List.of(), List.of());
        assertEquals(Status.WARN, r.status(), r::evidence);
        assertTrue(r.diagnosis().contains("no level to compare"), r::diagnosis);
    }

    @Test
    void oneAgreeingLevelPasses() {
        BigDecimal price = new BigDecimal("15.59");
        BigDecimal size = new BigDecimal("2.5");
        CheckResult r = judged(List.of(new SocketBook.Level(price, size)),
                List.of(new Event.L2Update(Event.Side.BID, Instant.EPOCH, price, size)));
        assertEquals(Status.PASS, r.status(), r::evidence);
        assertTrue(r.evidence().contains("1 levels agreed"), r::evidence);
    }
}
