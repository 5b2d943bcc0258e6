package dev.feedctl.check;

import dev.feedctl.transport.RestClient;
import java.time.Duration;
import java.util.List;

/**
 * A REST thread of a verify run (the price sampler, the trades and book audits): asks REST round after round for the
 * run's products until the run ends or it is stopped, within the shared budget. An unexpected exception ends it said
 * in its tally, and its check then FAILs: never a silent early end.
 */
abstract class RestRounds implements Runnable {

    final RestClient rest;
    final List<String> products;
    final long endNanos;
    final RestTally tally;
    private volatile boolean running = true;

    RestRounds(RestClient rest, List<String> products, long endNanos, RestTally tally) {
        this.rest = rest;
        this.products = products;
        this.endNanos = endNanos;
        this.tally = tally;
    }

    @Override
    public final void run() {
        try {
            rounds();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            tally.died(e);
        }
    }

    /** The thread's work, until the run's end or {@link #stop}. */
    abstract void rounds() throws InterruptedException;

    /** One more round after the run, before {@code deadlineNanos}, once the thread has ended; none by default. */
    void finish(long deadlineNanos) throws InterruptedException {
    }

    final boolean running() {
        return running;
    }

    void stop() {
        running = false;
    }

    final List<String> products() {
        return products;
    }

    /** Waits out the rest of a round of {@code every} begun at {@code roundStart}, never past the run's end. */
    final void restOfRound(long roundStart, Duration every) throws InterruptedException {
        long sleep = every.toNanos() - (System.nanoTime() - roundStart);
        if (sleep > 0 && running) {
            sleepWithinRun(sleep);
        }
    }

    /** Sleeps {@code nanos}, never past the run's end. */
    final void sleepWithinRun(long nanos) throws InterruptedException {
        Thread.sleep(Math.min(nanos, Math.max(0, endNanos - System.nanoTime())) / 1_000_000);
    }
}
