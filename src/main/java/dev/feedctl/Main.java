package dev.feedctl;

import dev.feedctl.cli.Cli;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The only System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // stdout through its channel, which the stream writer can close under a blocked write (cli/Stdout.java)
        PrintWriter out = dev.feedctl.cli.Stdout.open();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        boolean verbose = java.util.Arrays.asList(args).contains("-v") || java.util.Arrays.asList(args)
                .contains("--verbose");
        // the last resort for a thread no command watches (a library's, a shutdown hook): one line, not the JVM's
        // stack trace on stderr; the threads feedctl starts catch their own and mark their feature failed
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            err.println("feedctl: internal error on thread " + t.getName() + ": " + e + (verbose ? ""
                    : " (a bug in feedctl: please report it; --verbose shows the stack trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
        });
        int code = Cli.run(out, err, System.getenv(), args);
        // a final flush on a thread of its own: a reader that never reads must not keep the process alive
        Thread flush = new Thread(out::flush, "feedctl-final-flush");
        flush.setDaemon(true);
        flush.start();
        try {
            flush.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
        System.exit(code);
    }
}
