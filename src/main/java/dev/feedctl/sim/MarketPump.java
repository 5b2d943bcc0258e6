package dev.feedctl.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * The matching-engine thread: makes {@code rate} matches per second and hands each to every session.
 * Paced by elapsed time, so high rates are sent in small batches instead of one park per frame.
 *
 * <p>While no client is connected the market trades at {@link #IDLE_RATE} at most: it keeps moving for REST, but a
 * simulator waiting between runs no longer burns a core making matches nobody receives (measured at
 * {@code --rate 1000000}: 21-73 % of a core, idle, on the two cores it shares with the client about to be tested).
 */
final class MarketPump implements Runnable {

    private static final long MAX_BATCH = 5_000;
    /** Matches per second while nobody is connected (or the configured rate, when lower). */
    static final double IDLE_RATE = 100;

    private final SimContext ctx;
    private final double rate;
    private volatile boolean running = true;

    MarketPump(SimContext ctx) {
        this.ctx = ctx;
        this.rate = ctx.config.rate();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long made = 0;
        double pace = 0;
        while (running) {
            double want = ctx.sessions.isEmpty() ? Math.min(rate, IDLE_RATE) : rate;
            if (want != pace) { // a new pace counts from now: no burst to catch up with the old one
                pace = want;
                start = System.nanoTime();
                made = 0;
            }
            long due = (long) ((System.nanoTime() - start) / 1e9 * pace);
            if (due - made > pace) {
                made = due - (long) pace; // more than a second behind: skip ahead rather than burst
            }
            long batch = Math.min(MAX_BATCH, due - made);
            for (long i = 0; i < batch; i++) {
                Market.Trade t = ctx.market.step();
                made++;
                if (t != null) {
                    for (SimContext.Session s : ctx.sessions) {
                        s.onTrade(t);
                    }
                }
            }
            if (batch == 0) {
                long nextInNanos = (long) ((made + 1) / pace * 1e9) - (System.nanoTime() - start);
                LockSupport.parkNanos(Math.max(50_000, Math.min(nextInNanos, 20_000_000)));
            }
        }
    }

    void stop() {
        running = false;
    }
}
