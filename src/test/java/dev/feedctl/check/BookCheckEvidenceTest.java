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

    private static SocketBook.Level level(String price, String size) {
        return new SocketBook.Level(new BigDecimal(price), new BigDecimal(size));
    }

    private static Event.L2Update bid(String price, String size) {
        return new Event.L2Update(Event.Side.BID, Instant.EPOCH, new BigDecimal(price), new BigDecimal(size));
    }

    @Test
    void restLevelsOutOfOrderOrListedTwiceAreOneLevelEach() {
        // REST's bids out of order, 15.59 listed twice ("15.590" first, then its size): one level, the later size
        CheckResult r = judged(List.of(level("15.57", "3"), level("15.590", "9"), level("15.58", "1"),
                level("15.59", "2.5")), List.of(bid("15.59", "2.5"), bid("15.58", "1"), bid("15.57", "3")));
        assertEquals(Status.PASS, r.status(), r::evidence);
        assertTrue(r.evidence().contains("3 levels agreed"), r::evidence);
    }

    @Test
    void aDifferentSizeIsNamedWithItsPriceAndBothSizes() {
        CheckResult r = judged(List.of(level("15.58", "1"), level("15.590", "2.4")),
                List.of(bid("15.59", "2.5"), bid("15.58", "1"), bid("15.57", "3")));
        assertEquals(Status.FAIL, r.status(), r::evidence);
        // 15.59 differs; 15.57 is extra, as neither list is full (10 levels), so every level is compared
        assertTrue(r.evidence().contains("1 levels agreed") && r.evidence().contains("2 not"), r::evidence);
        assertTrue(r.diagnosis().contains("DOGE-USD bid 15.590: socket 2.5, REST 2.4"), r::diagnosis);
    }

    @Test
    void levelsPastTheShorterFullListAreNotMissing() {
        // REST lists the top 10 (the depth), the socket has 12: its 11th and 12th are below REST's last, not extra
        List<SocketBook.Level> rest = new java.util.ArrayList<>();
        List<Event.L2Update> socket = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String price = "15." + (70 - i);
            socket.add(bid(price, "1"));
            if (i < 10) {
                rest.add(level(price, "1"));
            }
        }
        CheckResult r = judged(rest, socket);
        assertEquals(Status.PASS, r.status(), r::evidence);
        assertTrue(r.evidence().contains("10 levels agreed"), r::evidence);
        // and a socket level missing inside REST's range is a difference
        socket.remove(4);
        CheckResult missing = judged(rest, socket);
        assertEquals(Status.FAIL, missing.status(), missing::evidence);
        assertTrue(missing.evidence().contains("9 levels agreed") && missing.evidence().contains("1 not"),
                missing::evidence);
        assertTrue(missing.diagnosis().contains("DOGE-USD bid 15.66: socket no level, REST 1"), missing::diagnosis);
    }
}
