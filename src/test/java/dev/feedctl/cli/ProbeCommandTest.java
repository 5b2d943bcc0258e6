package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.TestKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProbeCommandTest {

    @TempDir
    Path dir;

    private static String line(Run r, String step) {
        return r.outLines().stream().filter(l -> l.substring(5).startsWith(step + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(step + " missing\n" + r));
    }

    @Test
    void everyRungOfTheLadderReportsOnAHealthyFeed() {
        Run r = Run.of("probe", "--sim", "--duration", "2500ms");
        assertEquals(0, r.code(), r::toString);
        for (String step : List.of("url-lint", "dns", "tcp", "upgrade", "subscribe-ack", "first-data", "heartbeats",
                "sequence", "schema", "connection", "rest-reachable", "rest-price", "clock-skew")) {
            assertTrue(line(r, step).startsWith("PASS"), step + "\n" + r);
        }
        assertTrue(line(r, "tls").startsWith("SKIP") && line(r, "auth").startsWith("SKIP"), r::toString);
        assertTrue(line(r, "tcp").matches("PASS tcp +[0-9.]+ ms .*"), r::toString);
    }

    @Test
    void restStepsRunWhenTheSocketFails() {
        Run r = Run.of("probe", "--sim=refuse-429");
        assertEquals(3, r.code(), r::toString);
        assertTrue(line(r, "upgrade").startsWith("FAIL") && r.out().contains("HTTP 429"), r::toString);
        assertTrue(line(r, "subscribe-ack").startsWith("SKIP"), r::toString);
        assertTrue(line(r, "rest-reachable").startsWith("PASS"), r::toString);
        assertTrue(line(r, "clock-skew").startsWith("PASS"), r::toString);
    }

    @Test
    void authIsProvenOnTheSocketAndWithASignedRestCall() throws Exception {
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        Run r = Run.of("probe", "--sim", "--key-file", key.toString(), "--duration", "1500ms");
        assertEquals(0, r.code(), r::toString);
        assertTrue(line(r, "auth").startsWith("PASS") && line(r, "auth").contains("REST best_bid_ask answered 200"),
                r::toString);
    }

    @Test
    void clockSkewFailsAbove30SecondsAndIsAnAuthFailureWithAKey() throws Exception {
        Run plain = Run.of("probe", "--sim=clock-skew", "--duration", "1s");
        assertEquals(1, plain.code(), plain::toString);
        assertTrue(line(plain, "clock-skew").startsWith("FAIL") && plain.out().contains("clock skew 140 s"),
                plain::toString);
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        Run keyed = Run.of("probe", "--sim=clock-skew", "--key-file", key.toString(), "--duration", "1s");
        assertEquals(4, keyed.code(), keyed::toString);
    }

    @Test
    void aWrongFeedStopsTheSocketRungsButNotRest() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults())) {
            Run r = Run.of("probe", "--ws-url", "wss://ws-feed.exchange.coinbase.com", "--rest-url",
                    sim.restUri().toString());
            assertEquals(5, r.code(), r::toString);
            assertTrue(line(r, "url-lint").startsWith("FAIL") && line(r, "dns").startsWith("SKIP"), r::toString);
            assertTrue(line(r, "rest-reachable").startsWith("PASS"), r::toString);
        }
        Run both = Run.of("probe", "--ws-url", "wss://ws-feed.exchange.coinbase.com", "--rest-url",
                "http://127.0.0.1:9", "--timeout", "1s");
        assertEquals(3, both.code(), "REST unreachable (3) comes before the wrong feed (5)\n" + both);
    }

    @Test
    void aWindowCutShortByACloseIsNeverAPass() {
        Run r = Run.of("probe", "--sim=going-away", "--duration", "2500ms");
        assertEquals(3, r.code(), r::toString);
        assertTrue(line(r, "connection").startsWith("FAIL") && r.out().contains("1001 \"going away\"")
                && r.out().contains("the server is going away"), r::toString);
        for (String step : List.of("heartbeats", "sequence", "schema")) {
            assertTrue(line(r, step).startsWith("SKIP") && line(r, step).contains("the window was cut short"),
                    step + "\n" + r);
        }
    }

    @Test
    void everyFrameInTheWindowIsValidated() {
        Run r = Run.of("probe", "--sim=malformed", "--duration", "1500ms");
        assertEquals(1, r.code(), r::toString);
        assertTrue(line(r, "schema").startsWith("FAIL") && r.out().contains("malformed frames; first: "), r::toString);
        assertTrue(line(r, "connection").startsWith("PASS"), r::toString);
    }

    /**
     * No heartbeat in a window of 2 s or less proves nothing (they come every second): SKIP, as verify does; over a
     * longer window the same silence FAILs. An exchange whose heartbeats come every 10 s shows both.
     */
    @Test
    void noHeartbeatInAShortWindowIsSkipNotFail() throws Exception {
        var slow = new dev.feedctl.sim.SimConfig.Timings(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(5));
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withTimings(slow))) {
            List<String> base = List.of("probe", "--ws-url", sim.wsUri().toString(), "--rest-url",
                    sim.restUri().toString());
            Run shortWindow = Run.of(args(base, "--duration", "1500ms"));
            assertTrue(shortWindow.out().matches("(?s).*SKIP heartbeats +no heartbeat arrived in the 1\\.5 s window: "
                    + "too short to judge.*"), shortWindow::toString);
            assertEquals(0, shortWindow.code(), shortWindow::toString);
            Run longWindow = Run.of(args(base, "--duration", "2500ms"));
            assertTrue(longWindow.out().contains("FAIL heartbeats"), longWindow::toString);
            assertEquals(1, longWindow.code(), longWindow::toString);
        }
    }

    private static String[] args(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
