package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer slower than the feed must never turn into lost frames: the reader waits (TCP backpressure) and the
 * sequence stays whole. Before, a full queue dropped frames, and each drop was reported as the feed's sequence gap.
 */
@Timeout(60)
class NoLossTest {

    @Test
    void aSlowConsumerPausesTheReaderInsteadOfDroppingFrames() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(20_000))) {
            // a hand-off of 32 KiB fills in a few dozen frames, so the reader must wait again and again
            ConnectSpec spec = new ConnectSpec(sim.wsUri(), Duration.ofSeconds(5),
                    ConnectSpec.DEFAULT_MAX_MESSAGE_SIZE, null, false, 32 * 1024, ConnectSpec.DEFAULT_LINGER);
            Connection conn = new Connector(Clock.systemUTC()).open(spec);
            try (FeedSession session = new FeedSession(conn, null, Clock.systemUTC())) {
                session.subscribe(List.of(new FeedSession.Subscription("heartbeats", List.of()),
                        new FeedSession.Subscription("ticker", List.of("BTC-USD"))));
                long frames = 0;
                while (frames < 5_000) {
                    Object in = session.next(Duration.ofSeconds(5));
                    assertTrue(in instanceof FeedSession.Received, () -> "expected a frame, got " + in);
                    if (++frames % 50 == 0) {
                        LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // far slower than 20,000 frames/s
                    }
                }
                assertTrue(conn.stalls() > 0, "the reader never had to wait: the test did not slow the consumer");
                assertEquals(0, session.ledger().sequence().gaps(), "a frame was lost inside feedctl");
                assertEquals(frames, session.ledger().frames());
            }
        }
    }

    @Test
    void everyFrameQueuedAtTheEndIsStillDelivered() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(5_000))) {
            Connection conn = new Connector(Clock.systemUTC()).open(ConnectSpec.of(sim.wsUri(), Duration.ofSeconds(5)));
            try (FeedSession session = new FeedSession(conn, null, Clock.systemUTC())) {
                session.subscribe(List.of(new FeedSession.Subscription("ticker", List.of("BTC-USD"))));
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // frames pile up unread
                long drained = 0;
                while (session.next(Duration.ZERO) instanceof FeedSession.Received) {
                    drained++;
                }
                assertTrue(drained > 100, "only " + drained + " frames were waiting after 500 ms at 5,000/s");
                assertEquals(0, session.ledger().sequence().gaps());
            }
        }
    }
}
