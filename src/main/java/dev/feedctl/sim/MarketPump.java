package dev.feedctl.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * The matching-engine thread: makes {@code rate} matches per second and hands each to every session.
 * Paced by elapsed time, so high rates are sent in small batches instead of one park per frame.
 */
final class MarketPump implements Runnable {

    private static final long MAX_BATCH = 5_000;

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
        while (running) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            if (due - made > rate) {
                made = due - (long) rate; // more than a second behind: skip ahead rather than burst
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
                long nextInNanos = (long) ((made + 1) / rate * 1e9) - (System.nanoTime() - start);
                LockSupport.parkNanos(Math.max(50_000, Math.min(nextInNanos, 20_000_000)));
            }
        }
    }

    void stop() {
        running = false;
    }
}
