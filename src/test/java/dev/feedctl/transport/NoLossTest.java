package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * A consumer slower than the feed must never turn into lost frames: the reader waits (TCP backpressure) and every
 * frame the simulator sent arrives. Before, a full queue dropped frames, and each drop was reported as the feed's
 * sequence gap. "Nothing lost" is counted against the other side ({@link ExchangeSimulator#framesSent}), not against
 * a second counter of the same loop.
 */
@Timeout(60)
class NoLossTest {

    @Test
    void aSlowConsumerPausesTheReaderAndGetsEveryFrameTheSimulatorSent() throws Exception {
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
                    frames += take(session);
                    if (frames % 50 == 0) {
                        LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // far slower than 20,000 frames/s
                    }
                }
                long sent = stopSending(sim);
                while (frames < sent) { // the rest of what was sent, still slowly
                    frames += take(session);
                    if (frames % 50 == 0) {
                        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                    }
                }
                assertNull(session.next(Duration.ofMillis(300)), "nothing beyond what the simulator sent");
                assertTrue(conn.stalls() > 0, "the reader never had to wait: the test did not slow the consumer");
                assertEquals(sent, frames, "every frame the simulator sent reached the consumer");
                assertEquals(0, session.ledger().sequence().counts().gaps(), "a frame was lost inside feedctl");
            }
        }
    }

    @Test
    void everyFrameQueuedWhenTheSocketClosesIsStillDeliveredBeforeTheClose() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(5_000))) {
            Connection conn = new Connector(Clock.systemUTC()).open(ConnectSpec.of(sim.wsUri(), Duration.ofSeconds(5)));
            try (FeedSession session = new FeedSession(conn, null, Clock.systemUTC())) {
                session.subscribe(List.of(new FeedSession.Subscription("ticker", List.of("BTC-USD"))));
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // frames pile up unread
                long sent = stopSending(sim);
                assertEquals(1, sim.closeAll(1000, "done"), "the simulator closed the one connection");
                long drained = 0;
                Object in;
                while ((in = session.next(Duration.ofSeconds(5))) instanceof FeedSession.Received) {
                    drained++;
                }
                Inbound.Closed closed = assertInstanceOf(Inbound.Closed.class, in, "the close comes after the frames");
                assertEquals(1000, closed.close().code());
                assertTrue(drained > 100, "only " + drained + " frames were waiting after 500 ms at 5,000/s");
                assertEquals(sent, drained, "every frame sent before the close was delivered");
                assertEquals(0, session.ledger().sequence().counts().gaps());
            }
        }
    }

    /** One frame from the session: 1, or the test fails naming what came instead. */
    private static long take(FeedSession session) throws InterruptedException {
        Object in = session.next(Duration.ofSeconds(5));
        assertTrue(in instanceof FeedSession.Received, () -> "expected a frame, got " + in);
        return 1;
    }

    /** Stops the simulator sending anything and returns its final count (a send under way still counts). */
    private static long stopSending(ExchangeSimulator sim) throws InterruptedException {
        sim.stallAll(false);
        long sent;
        do {
            sent = sim.framesSent();
            Thread.sleep(100); // not synchronisation: a quiet interval in which the count must stay the same
        } while (sent != sim.framesSent());
        return sent;
    }
}
