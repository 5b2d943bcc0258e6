package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Inbound;
import dev.feedctl.transport.RecordedConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evidence a verify run is judged on is what it had seen when it ended: the session it came from lives on, and
 * a frame folded into it afterwards changes neither the report's figures nor a verdict.
 */
class EvidenceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static final CheckSettings SETTINGS = new CheckSettings(
            ConnectSpec.of(URI.create("ws://127.0.0.1:1"), Duration.ofSeconds(1)), URI.create("http://127.0.0.1:1"),
            List.of("heartbeats"), List.of(), null, Duration.ofSeconds(1), 1, 10, Duration.ofSeconds(5), 5);

    /** A heartbeat whose sequence_num and counter are both {@code n}. */
    private static void receive(RecordedConnection tape, FeedSession session, long n) throws InterruptedException {
        tape.hand(new Inbound.Text("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":"
                + "\"2026-12-01T00:00:00.000000000Z\",\"sequence_num\":" + n + ",\"events\":[{\"current_time\":"
                + "\"2026-12-01 00:00:00.000000000 +0000 UTC m=+1.000000001\",\"heartbeat_counter\":" + n + "}]}",
                T0, 0, 0));
        session.next(Duration.ZERO);
    }

    @Test
    void aFrameFoldedInAfterTheRunEndedChangesNeitherTheReportNorTheSequenceVerdict() throws InterruptedException {
        RecordedConnection tape = new RecordedConnection();
        FeedSession session = new FeedSession(tape, null, Clock.fixed(T0, ZoneOffset.UTC));
        session.subscribe(List.of(new FeedSession.Subscription("heartbeats", List.of())));
        for (long n = 1; n <= 3; n++) {
            receive(tape, session, n);
        }
        EvidenceRecorder run = new EvidenceRecorder();
        run.session = session;
        run.subscribedAt = T0;
        run.endedAt = T0.plusSeconds(1);
        Evidence evidence = run.evidence();

        receive(tape, session, 9); // five numbers skipped, after the run ended

        Map<?, ?> figures = (Map<?, ?>) RunSummary.of(SETTINGS, evidence).get("evidence");
        assertEquals(3L, figures.get("frames"), figures::toString);
        CheckResult sequence = ContinuityChecks.sequence(evidence.legs());
        assertEquals(Status.PASS, sequence.status(), sequence::evidence);
        assertEquals("3 sequence numbers, no gaps", sequence.evidence());
    }
}
