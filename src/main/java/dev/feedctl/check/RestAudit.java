package dev.feedctl.check;

/**
 * An exact comparison with REST (trades, book) for one run: its REST thread, started and ended by the judging side,
 * which feeds it frames, judges REST's answers as they come ({@link RestAudits#drain}) and once more at the end.
 */
abstract class RestAudit {

    private final String threadName;
    private Thread thread;

    RestAudit(String threadName) {
        this.threadName = threadName;
    }

    /** The audit's REST side. */
    abstract RestRounds rounds();

    /** Judges every answer REST has given so far. */
    abstract void drain();

    /** The last judging, once REST's final round is in. */
    void drainLast() {
        drain();
    }

    void start() {
        thread = new Thread(rounds(), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the REST thread at once (tail, when it stops); a request under way is given up. */
    void stop() {
        rounds().stop();
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Ends the REST thread, asks REST's final round for what the run left open, judges it all before the deadline. */
    void finish(long deadlineNanos) throws InterruptedException {
        stop();
        if (thread != null) {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        }
        rounds().finish(deadlineNanos);
        drainLast();
    }
}
