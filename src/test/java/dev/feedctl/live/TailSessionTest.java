package dev.feedctl.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tail session on its own, no command line, no terminal: against the in-process exchange it connects, fills its
 * board, and when the exchange drops the connection it says so, retries and is live again, in that order.
 */
@Timeout(60)
class TailSessionTest {

    /** What the session told, as short words in order: "connected 0", "prices BTC-USD", "outage 0", ... */
    private static final class Heard implements TailEvents {
        final BlockingQueue<String> told = new LinkedBlockingQueue<>();

        @Override
        public void connected(FeedEngine.Link link, Instant at) {
            told.add("connected " + link.shard());
        }

        @Override
        public void outage(int shard, String cause, Instant at) {
            told.add("outage " + shard + " " + cause);
        }

        @Override
        public void retrying(int shard, int attempt, Duration wait, String lastCause, Instant at) {
            told.add("retrying " + shard + " attempt " + attempt);
        }

        @Override
        public void ended(Outage o, Instant at) {
            told.add((o.restoredAt() != null ? "reconnected " : "gave up ") + o.shard());
        }

        @Override
        public void prices(List<PriceBoard.Update> updates) {
            updates.forEach(u -> told.add("prices " + u.product()));
        }

        /** Waits (bounded) for what {@code expected} matches, skipping what comes before; returns it. */
        String await(Predicate<String> expected, String description) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (String s; (s = told.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (expected.test(s)) {
                    return s;
                }
            }
            throw new AssertionError("never heard " + description);
        }
    }

    @Test
    void aSessionConnectsFillsItsBoardAndComesBackAfterTheExchangeDropsIt() throws Exception {
        Heard heard = new Heard();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            List<String> products = List.of("BTC-USD", "ETH-USD");
            FeedEngine.Settings feed = new FeedEngine.Settings(ConnectSpec.of(sim.wsUri(), Duration.ofSeconds(5)),
                    null, List.of("heartbeats", "ticker"), products, 50, Duration.ofSeconds(3),
                    Duration.ofSeconds(10), null);
            try (TailSession session = new TailSession(new TailSession.Settings(feed, Duration.ofSeconds(5), null,
                    Duration.ofSeconds(5), false), heard, Clock.systemUTC())) {
                assertEquals(List.of(ShardState.CONNECTING), session.status().shards(), "before anything connects");
                session.start(new Connector(Clock.systemUTC())::open, null, null, null);
                heard.await("connected 0"::equals, "the first connection");
                heard.await("prices ETH-USD"::equals, "a price of ETH-USD");
                assertNotNull(session.board().row("ETH-USD", Instant.now()).price(), "the board has it too");

                sim.closeAll(1001, "going away");
                assertTrue(heard.await(s -> s.startsWith("outage 0"), "the outage").contains("1001"));
                heard.await("retrying 0 attempt 1"::equals, "the first retry");
                heard.await("reconnected 0"::equals, "the outage's end"); // told as the new link is live
                heard.await("connected 0"::equals, "the connection back");
                TailSession.Status status = session.status();
                assertEquals(List.of(ShardState.CONNECTED), status.shards());
                assertEquals(1, status.outages());
                assertTrue(status.frames() > 0);
                assertNull(session.stop(), "stopped by its owner: no ending of its own");
            }
        }
    }
}
