package dev.feedctl.cli;

import dev.feedctl.auth.Redactor;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Where a command writes: data to stdout, everything else to stderr, all of it through the redactor.
 * Wraps the writers picocli was given, so tests capture exactly what users see.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private final String name;
    private final Redactor redactor;

    public Terminal(CommandLine.Model.CommandSpec spec, boolean verbose) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.verbose = verbose;
        this.name = spec.qualifiedName();
        this.redactor = ((FeedctlCommand) spec.root().userObject()).redactor();
    }

    /** One line of data on stdout, flushed so pipes see it at once. */
    public void data(String line) {
        out.println(redactor.scrub(line));
        out.flush();
    }

    /**
     * One streamed line on stdout, buffered: many lines go out in one write. {@link #flushStreamIfDue} sends them
     * when the input is drained or every {@value #STREAM_FLUSH_MS} ms, so a pipe still sees them promptly.
     */
    public void stream(String line) {
        out.println(redactor.scrub(line));
        unflushed = true;
    }

    static final long STREAM_FLUSH_MS = 20;
    private long lastFlushNanos = System.nanoTime();
    private boolean unflushed;

    /** Flushes streamed lines when nothing more is waiting ({@code drained}) or the last flush is 20 ms old. */
    public void flushStreamIfDue(boolean drained) {
        long now = System.nanoTime();
        if (drained && unflushed || now - lastFlushNanos >= STREAM_FLUSH_MS * 1_000_000) {
            out.flush();
            lastFlushNanos = now;
            unflushed = false;
        }
    }

    /** True when stdout is a closed pipe ({@code feedctl tail | head}): the command should end quietly. */
    public boolean outClosed() {
        return out.checkError();
    }

    public void info(String line) {
        err.println(redactor.scrub(line));
        err.flush();
    }

    /** Text for a file (report, JUnit), with this run's secrets taken out. */
    public String scrub(String text) {
        return redactor.scrub(text);
    }

    public void warn(String line) {
        info(name + ": warning: " + line);
    }

    public void verbose(String line) {
        if (verbose) {
            info(line);
        }
    }
}
