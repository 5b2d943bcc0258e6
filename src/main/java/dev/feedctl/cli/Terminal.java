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
     * One streamed line on stdout, written by a thread of its own ({@link StreamPump}): a slow or absent reader never
     * blocks the command, and lines that do not fit its bounded buffer are dropped and counted
     * ({@link #finishStream} says how many).
     */
    public synchronized void stream(String line) {
        if (pump == null) {
            pump = new StreamPump(out);
        }
        chunk.append(redactor.scrub(line)).append('\n');
        if (chunk.length() >= CHUNK_CHARS) {
            handOverStream();
        }
    }

    /** Lines are handed to the writer thread in chunks, not one by one: a hand-off per line costs more than the line. */
    static final int CHUNK_CHARS = 32 * 1024;
    private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
    private StreamPump pump;

    /** Hands what was streamed so far to the writer: call it when the input is drained, before waiting for more. */
    public synchronized void handOverStream() {
        if (chunk.length() > 0 && pump != null) {
            pump.offer(chunk); // copied into the writer's buffer: no string made per piece
            chunk.setLength(0);
        }
    }

    /**
     * Waits briefly for streamed lines to be written, and says on stderr, once, how many never were (exactly: every
     * line streamed is written or counted here) and whether the writer failed. A closed pipe says nothing.
     */
    public synchronized void finishStream() {
        handOverStream();
        if (pump != null && !streamFinished) {
            streamFinished = true;
            pump.finish(java.time.Duration.ofSeconds(1));
            long lost = pump.notWritten();
            Throwable failure = pump.failure();
            if (failure != null) {
                failure("writing stdout (" + lost + " lines were not written)", failure);
            } else if (lost > 0 && !pump.pipeClosed()) {
                warn("stdout was not read fast enough: " + lost + " lines were not written (every frame "
                        + "was still received and checked)");
            }
        }
    }

    private boolean streamFinished;

    /** True when stdout is a closed pipe ({@code feedctl tail | head}): the command should end quietly. */
    public boolean outClosed() {
        return pump != null ? pump.pipeClosed() : out.checkError();
    }

    public void info(String line) {
        err.println(redactor.scrub(line));
        err.flush();
    }

    /** Text for a file (report, JUnit), with this run's secrets taken out. */
    public String scrub(String text) {
        return redactor.scrub(text);
    }

    /**
     * An unexpected exception that ended part of a command (a bug in feedctl, or input nothing foresaw): one line,
     * the stack trace only with {@code -v}.
     */
    public void failure(String what, Throwable t) {
        warn(what + ": " + dev.feedctl.protocol.NetworkText.text(t.toString()) + (verbose ? ""
                : " (a bug in feedctl: please report it; -v shows the stack trace)"));
        if (verbose) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            err.print(redactor.scrub(trace.toString()));
            err.flush();
        }
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
