package dev.feedctl.cli;

import dev.feedctl.check.ExitCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A judged run whose verdict survives Ctrl-C and SIGTERM (verify, exam): the signal stops the gathering ({@code stop}
 * gets the exit code the process is about to have, 130 or 143), the run judges what was seen and writes its reports
 * with that code, and only then, or after {@code patience}, does the JVM exit.
 */
final class ReportBeforeExit {

    /** Gathers, judges, writes the reports; returns the exit code. */
    interface Run {
        int call() throws Exception;
    }

    private ReportBeforeExit() {
    }

    static int run(String threadName, IntConsumer stop, Duration patience, Run run) throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        SignalExit signals = SignalExit.install();
        Thread onInterrupt = new Thread(() -> {
            stop.accept(signals.caught() == 0 ? ExitCode.INTERRUPTED.code() : signals.caught());
            try {
                reported.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return run.call();
        } finally {
            signals.close();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns once the reports are written
            }
        }
    }
}
