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
