package dev.feedctl.cli;

import picocli.CommandLine.Option;

/** {@code -v}: more detail on stderr, never secrets; stack traces for errors. */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "More detail on stderr (never secrets); stack traces on errors.")
    boolean verbose;

    public boolean on() {
        return verbose;
    }
}
