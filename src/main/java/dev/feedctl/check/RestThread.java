package dev.feedctl.check;

/**
 * The thread a REST audit (trades, book) runs on, started and ended by the judging side, which it also tells when
 * to look at REST's answers again.
 */
final class RestThread {

    private final RestRounds rounds;
    private final Thread thread;
    private long lastLook = System.nanoTime();

    RestThread(RestRounds rounds, String name) {
        this.rounds = rounds;
        this.thread = new Thread(rounds, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the thread at once (a request under way is given up). */
    void stop() {
        rounds.stop();
        thread.interrupt();
    }

    /** Ends the thread, waiting for it until {@code deadlineNanos} at most. */
    void end(long deadlineNanos) throws InterruptedException {
        stop();
        thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }

    /**
     * True at most every {@link CheckSettings#AUDIT_DRAIN}: verify asks after every frame, and thousands of looks a
     * second at REST's queue find nothing new.
     */
    boolean lookDue() {
        long now = System.nanoTime();
        if (now - lastLook < CheckSettings.AUDIT_DRAIN.toNanos()) {
            return false;
        }
        lastLook = now;
        return true;
    }
}
