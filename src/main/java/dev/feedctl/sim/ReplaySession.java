package dev.feedctl.sim;

import dev.feedctl.protocol.RecordedLine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.WebSocket;

/**
 * {@code feedctl sim --replay}: a connection served from a recording instead of the simulated market. After the
 * client's first subscribe it gets the recorded frames as they were received (acks included; its own subscribe is
 * not answered again), spaced as recorded divided by the speed, then the recorded close, or a 1000 close when the
 * recording simply ends.
 */
final class ReplaySession implements SimContext.Session {

    private final WebSocket conn;
    private final SimContext ctx;
    private volatile Thread player;
    private volatile boolean stopped;

    ReplaySession(WebSocket conn, SimContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
    }

    @Override
    public synchronized void onText(String text) {
        ctx.recordClientFrame(text);
        if (player == null && text.contains("\"subscribe\"")) {
            player = new Thread(this::play, "feedctl-sim-replay");
            player.setDaemon(true);
            player.start();
        }
    }

    private void play() {
        SimConfig.Replay replay = ctx.config.replay();
        long start = System.nanoTime();
        Instant first = null;
        for (RecordedLine line : replay.lines()) {
            if (stopped || !conn.isOpen()) {
                return;
            }
            if (line.receivedAt() != null) {
                first = first == null ? line.receivedAt() : first;
                waitUntil(start, Duration.between(first, line.receivedAt()), replay.speed());
            }
            try {
                if (line.isClose()) {
                    drain();
                    conn.close(line.closeCode() == 1005 || line.closeCode() == 1006 ? 1000 : line.closeCode(),
                            line.closeReason());
                    return;
                }
                conn.send(line.frame());
            } catch (RuntimeException e) {
                return; // the client went away
            }
        }
        drain();
        conn.close(1000, "end of the replayed recording");
    }

    /** Lets queued frames reach the client before the close does (bounded: a client that stops reading is dropped). */
    private void drain() {
        long until = System.nanoTime() + 5_000_000_000L;
        while (conn.hasBufferedData() && System.nanoTime() < until && !stopped) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void waitUntil(long start, Duration offset, double speed) {
        if (speed <= 0) {
            return; // --speed max
        }
        long due = start + (long) (offset.toNanos() / speed);
        long wait;
        while (!stopped && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    @Override
    public void onTrade(Market.Trade trade) {
        // the recording is the market
    }

    @Override
    public void closed() {
        stopped = true;
    }
}
