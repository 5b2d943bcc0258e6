package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's lifetime rules through an injected dialer and clock: no socket, no sleeping. */
@Timeout(20)
class FeedEngineTest {

    /** A clock that moves only when the engine sleeps, and remembers every wait. */
    static final class FakePacer implements FeedEngine.Pacer {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Instant now() {
            return now;
        }

        @Override
        public synchronized void sleep(Duration d) {
            waits.add(d);
            now = now.plus(d);
        }
    }

    private static ConnectFailure failure(String phase, Map<String, String> facts) {
        List<Phase> phases = new ArrayList<>();
        phases.add(Phase.passed("dns", Duration.ZERO, Map.of()));
        phases.add(Phase.failed(phase, Duration.ofMillis(3), facts, "it failed", "fix it"));
        return new ConnectFailure(phases);
    }

    private static FeedEngine.Settings settings(Integer maxReconnects) {
        return new FeedEngine.Settings(ConnectSpec.of(URI.create("ws://127.0.0.1:1"), Duration.ofSeconds(1)), null,
                List.of("heartbeats", "ticker"), List.of("BTC-USD"), 50, Duration.ofSeconds(3),
                Duration.ofSeconds(10), maxReconnects);
    }

    /** Every random draw is the top of the range, so each wait is the backoff's ceiling. */
    private static Backoff topOfRange() {
        return new Backoff(Backoff.BASE, Backoff.CAP, () -> 0.999999);
    }

    @Test
    void refusedUpgradesBackOffExponentiallyUpToTheCapAndGiveUpAfterMaxReconnects() throws Exception {
        FakePacer pacer = new FakePacer();
        List<Outage> outages = new CopyOnWriteArrayList<>();
        FeedEngine engine = new FeedEngine(settings(9), spec -> {
            throw failure("upgrade", Map.of("status", "503"));
        }, pacer, FeedEngineTest::topOfRange, new FeedEngine.Listener() {
            @Override
            public void outage(Outage o) {
                outages.add(o);
            }
        });
        FeedEngine.Ending end = engine.run();
        assertEquals(FeedEngine.Ending.Stage.CONNECTION, end.stage());
        assertTrue(end.message().contains("gave up after 9 reconnects") && end.message().contains("HTTP 503"),
                end.message());
        List<Long> ms = pacer.waits.stream().map(Duration::toMillis).toList();
        assertEquals(List.of(249L, 499L, 999L, 1999L, 3999L, 7999L, 15999L, 29999L, 29999L), ms);
        assertEquals(1, outages.size(), "one outage, reported once");
        assertNull(outages.get(0).restoredAt());
        assertEquals(10, outages.get(0).attempts());
    }

    @Test
    void retryAfterIsAFloorUnderTheJitteredWait() throws Exception {
        FakePacer pacer = new FakePacer();
        FeedEngine engine = new FeedEngine(settings(2), spec -> {
            throw failure("upgrade", Map.of("status", "429", "retry-after", "7"));
        }, pacer, () -> new Backoff(Backoff.BASE, Backoff.CAP, () -> 0.5), new FeedEngine.Listener() { });
        FeedEngine.Ending end = engine.run();
        assertNotNull(end);
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), pacer.waits);
        assertTrue(end.message().contains("Retry-After 7 s"), end.message());
    }

    @Test
    void withoutRetryAfterTheWaitIsFullJitterBelowTheCeiling() throws Exception {
        FakePacer pacer = new FakePacer();
        double[] draws = {0.0, 0.5, 0.25};
        int[] i = {0};
        FeedEngine engine = new FeedEngine(settings(3), spec -> {
            throw failure("tcp", Map.of());
        }, pacer, () -> new Backoff(Backoff.BASE, Backoff.CAP, () -> draws[i[0]++ % draws.length]),
                new FeedEngine.Listener() { });
        engine.run();
        assertEquals(List.of(0L, 250L, 250L), pacer.waits.stream().map(Duration::toMillis).toList());
    }

    @Test
    void aFirstConnectionRefusedFor404EndsAtOnceWithoutRetrying() throws Exception {
        FakePacer pacer = new FakePacer();
        FeedEngine engine = new FeedEngine(settings(null), spec -> {
            throw failure("upgrade", Map.of("status", "404"));
        }, pacer, FeedEngineTest::topOfRange, new FeedEngine.Listener() { });
        FeedEngine.Ending end = engine.run();
        assertEquals(FeedEngine.Ending.Stage.CONNECTION, end.stage());
        assertEquals(2, end.phases().size(), "the phases, for the same waterfall connect prints");
        assertTrue(pacer.waits.isEmpty(), "no retry: " + pacer.waits);
    }

    @Test
    void anUntrustedCertificateOrAnUnknownHostIsFatalATcpRefusalIsNot() {
        assertTrue(FeedEngine.fatal(Phase.failed("tls", Duration.ZERO, Map.of(), "x", "y")));
        assertTrue(FeedEngine.fatal(Phase.failed("dns", Duration.ZERO, Map.of(), "x", "y")));
        assertTrue(FeedEngine.fatal(Phase.failed("upgrade", Duration.ZERO, Map.of("status", "401"), "x", "y")));
        assertTrue(!FeedEngine.fatal(Phase.failed("tcp", Duration.ZERO, Map.of(), "x", "y")));
        assertTrue(!FeedEngine.fatal(Phase.failed("upgrade", Duration.ZERO, Map.of("status", "429"), "x", "y")));
        assertTrue(!FeedEngine.fatal(Phase.failed("upgrade", Duration.ZERO, Map.of(), "no answer", "y")));
    }

    @Test
    void backoffResetsOnlyAfterSixtySecondsHealthy() {
        Backoff b = new Backoff(Backoff.BASE, Backoff.CAP, () -> 0.999999);
        b.next(null);
        b.next(null);
        b.next(null);
        assertEquals(Duration.ofSeconds(2), b.ceiling());
        b.healthyFor(Duration.ofSeconds(59));
        assertEquals(Duration.ofSeconds(2), b.ceiling(), "59 s healthy is not enough");
        b.healthyFor(Duration.ofSeconds(60));
        assertEquals(Backoff.BASE, b.ceiling());
    }

    @Test
    void level2ProductsAreSpreadSixteenToAConnection() {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            products.add("P" + i + "-USD");
        }
        assertEquals(List.of(16, 16, 8), FeedEngine.shards(List.of("heartbeats", "level2"), products, 50).stream()
                .map(List::size).toList());
        assertEquals(List.of(40), FeedEngine.shards(List.of("heartbeats", "ticker"), products, 50).stream()
                .map(List::size).toList());
        assertEquals(List.of(25, 15), FeedEngine.shards(List.of("ticker"), products, 25).stream()
                .map(List::size).toList());
    }
}
