package dev.feedctl.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.auth.Redactor;
import dev.feedctl.check.CheckResult;
import dev.feedctl.check.Status;
import dev.feedctl.check.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WARN and PASS paths of each lesson against the configurable example client. The PASS limit (10 s) and the
 * Retry-After (3 s) are scaled down here so a slow-but-working client is quick to show; the CLI keeps the real ones.
 */
@Timeout(60)
class ExamGradesTest {

    private static final ExamSettings.Thresholds FAST = new ExamSettings.Thresholds(Duration.ofSeconds(5),
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1), 1, 10, 5, Duration.ofSeconds(3),
            Duration.ofSeconds(30));

    private static Verdict exam(String lessons, Duration timeout, String... clientArgs) throws Exception {
        return exam(List.of(), lessons, timeout, clientArgs);
    }

    private static Verdict exam(List<String> products, String lessons, Duration timeout, String... clientArgs)
            throws Exception {
        ExamSettings s = new ExamSettings(List.of(lessons.split(",")), timeout, null, products, FAST);
        return new Exam(s, TestClients.example("ConfigurableClient", clientArgs), null, new Redactor()).run();
    }

    private static CheckResult lesson(Verdict v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError(name + " missing from " + describe(v)));
    }

    private static String describe(Verdict v) {
        return v.checks().stream().map(c -> c.status() + " " + c.name() + ": " + c.evidence() + " / "
                + c.diagnosis()).collect(Collectors.joining("\n"));
    }

    private static void assertStatus(Status expected, Verdict v, String name) {
        assertEquals(expected, lesson(v, name).status(), describe(v));
    }

    @Test
    void aClientWithoutHeartbeatsWarnsOnSubscribe() throws Exception {
        Verdict v = exam("subscribe", Duration.ofSeconds(10), "--no-heartbeats");
        assertStatus(Status.WARN, v, "subscribe");
        assertTrue(lesson(v, "subscribe").fix().contains("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}"));
        assertEquals(0, v.exitCode().code());
    }

    @Test
    void anAuthenticatedChannelWithoutAJwtOrAMissingProductFailsSubscribe() throws Exception {
        Verdict user = exam("subscribe", Duration.ofSeconds(10), "--also", "user");
        assertStatus(Status.FAIL, user, "subscribe");
        assertEquals("subscribed to user without a JWT: Coinbase answers with an authentication failure",
                lesson(user, "subscribe").diagnosis());
        Verdict eth = exam(List.of("ETH-USD"), "subscribe", Duration.ofSeconds(10));
        assertStatus(Status.FAIL, eth, "subscribe");
        assertEquals("never subscribed to ETH-USD (given with --products)", lesson(eth, "subscribe").diagnosis());
    }

    @Test
    void aJwtReusedAfterTheCloseWarnsAndTheTimelineShowsNoSignature() throws Exception {
        Verdict v = exam("subscribe,close-1001", Duration.ofSeconds(8), "--jwt-once");
        assertStatus(Status.PASS, v, "subscribe");
        assertStatus(Status.WARN, v, "close-1001");
        assertTrue(lesson(v, "close-1001").diagnosis().contains("reused a JWT"), describe(v));
        String timeline = dev.feedctl.protocol.Json.COMPACT.toJson(v.facts().get("timeline"));
        assertTrue(timeline.contains("\\\"jwt\\\":\\\"eyJ"), timeline);
        assertFalse(timeline.contains("U0lHTkFUVVJFLUNBTkFSWS1TSUdOQVRVUkUtQ0FOQVJZ"), timeline);
    }

    @Test
    void aReconnectSlowerThanThePassLimitWarnsOnCloseAndDrop() throws Exception {
        // 15 s like the other client-timing lessons: under load the client once made no new connection in 8 s
        Verdict v = exam("subscribe,close-1001,drop-1006", Duration.ofSeconds(15), "--delay", "1600");
        assertStatus(Status.WARN, v, "close-1001");
        assertStatus(Status.WARN, v, "drop-1006");
        assertTrue(lesson(v, "close-1001").diagnosis().startsWith("back after "), describe(v));
        assertEquals(0, v.exitCode().code());
    }

    @Test
    void aClientThatEndsWithItsConnectionFailsDrop1006() throws Exception {
        Verdict v = exam("subscribe,drop-1006", Duration.ofSeconds(15), "--no-reconnect");
        assertStatus(Status.FAIL, v, "drop-1006");
        assertTrue(lesson(v, "drop-1006").diagnosis().startsWith("the client exited with 0 after the TCP drop"),
                describe(v));
        assertEquals(1, v.exitCode().code());
    }

    @Test
    void aSlowWatchdogWarnsOnStall() throws Exception {
        Verdict v = exam("subscribe,stall", Duration.ofSeconds(8), "--watchdog", "1500");
        assertStatus(Status.WARN, v, "stall");
        assertTrue(lesson(v, "stall").evidence().contains("the client closed it at"), describe(v));
    }

    @Test
    void backingOffWithoutRetryAfterWarnsAndHonouringItPasses() throws Exception {
        // 15 s, not 10: on a loaded machine the client JVM once made no attempt in the 10 s (graded "gave up"); a
        // client that reconnects ends its lesson at once, so the longer timeout costs a passing run nothing
        Verdict backoff = exam("subscribe,refuse-429", Duration.ofSeconds(15), "--backoff", "--delay", "100");
        assertStatus(Status.WARN, backoff, "refuse-429");
        assertTrue(lesson(backoff, "refuse-429").diagnosis().contains("backed off"), describe(backoff));
        Verdict polite = exam("subscribe,refuse-429", Duration.ofSeconds(15), "--retry-after", "--delay", "100");
        assertStatus(Status.PASS, polite, "refuse-429");
        assertTrue(lesson(polite, "refuse-429").evidence().contains("1 refused with 429"), describe(polite));
    }
}
