package dev.feedctl.cli;

import dev.feedctl.auth.Redactor;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: proves a Coinbase Advanced Trade price feed works, or names why it does not. */
@Command(name = "feedctl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Opens the Coinbase Advanced Trade WebSocket, checks every message against the protocol, "
                + "and proves (or disproves) that a price feed works.",
        exitCodeListHeading = "%nExit codes:%n")
public final class FeedctlCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Redactor redactor = new Redactor();

    FeedctlCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The process environment as given to the factory (tests pass their own). */
    public Map<String, String> env() {
        return env;
    }

    /** This run's redactor: it knows the secrets this run loaded. */
    public Redactor redactor() {
        return redactor;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw ExitException.usage("a subcommand is required");
    }
}
