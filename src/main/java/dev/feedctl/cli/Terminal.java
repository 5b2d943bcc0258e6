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

    public Terminal(CommandLine.Model.CommandSpec spec, boolean verbose) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.verbose = verbose;
        this.name = spec.qualifiedName();
    }

    /** One line of data on stdout, flushed so pipes see it at once. */
    public void data(String line) {
        out.println(Redactor.scrub(line));
        out.flush();
    }

    /** True when stdout is a closed pipe ({@code feedctl tail | head}): the command should end quietly. */
    public boolean outClosed() {
        return out.checkError();
    }

    public void info(String line) {
        err.println(Redactor.scrub(line));
        err.flush();
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
