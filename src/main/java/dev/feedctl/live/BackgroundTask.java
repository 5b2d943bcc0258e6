package dev.feedctl.live;

/**
 * A command's background thread (tail's REST check, say). An unexpected exception on it is said once on stderr, the
 * stack trace only with {@code -v}, and marks the feature it served failed, so nothing goes on showing what it last
 * saw as if it were current. Interruption is how it is told to stop: that ends it quietly.
 */
final class BackgroundTask {

    /** The work; it returns or is interrupted when the command is done with it. */
    interface Body {
        void run() throws InterruptedException;
    }

    /** Where a failure is said: the command's stderr (one line; the stack trace with -v). */
    interface Report {
        void failure(String what, Throwable t);
    }

    private BackgroundTask() {
    }

    /**
     * A daemon thread, not yet started, that runs {@code body}; on an unexpected exception it reports
     * "{@code feature} failed" once and runs {@code markFailed}.
     */
    static Thread thread(String name, String feature, Report terminal, Body body, Runnable markFailed) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failed(feature, terminal, e, markFailed);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static void failed(String feature, Report terminal, Throwable e, Runnable markFailed) {
        terminal.failure(feature + " failed and was stopped", e);
        try {
            markFailed.run();
        } catch (RuntimeException | Error again) {
            terminal.failure("marking " + feature + " failed", again);
        }
    }
}
