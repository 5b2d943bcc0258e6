package dev.feedctl.cli;

import dev.feedctl.check.ExitCode;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.Scenario;
import dev.feedctl.sim.SimConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedctl sim}: runs the built-in exchange until Ctrl-C or --duration and prints its URLs. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the built-in Advanced Trade exchange simulator on loopback. Prints the socket URL and "
                + "the REST URL on stdout, one per line, then serves until Ctrl-C or --duration.")
public final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FeedctlCommand root;

    @Mixin
    VerboseOption verbosity;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "Socket port; 0 picks a free one.")
    int port;

    @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "0", description = "REST port; 0 picks one.")
    int restPort;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", description = "Fault presets, combinable.")
    List<String> scenarios;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the price walk. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "20",
            description = "Market matches per second (each a ticker frame per subscriber). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class,
            description = "Stop after this long; default: run until interrupted.")
    Duration duration;

    @Option(names = "--trust-key", paramLabel = "FILE",
            description = "CDP key JSON whose public key signs valid JWTs (only the public half is used).")
    java.nio.file.Path trustKey;

    @Mixin
    FaultOptions faults;

    @Option(names = "--replay", paramLabel = "FILE", description = "Serve a recorded session (a tail --record or "
            + "subscribe --annotate file, or one raw frame per line; '-' for stdin) to every client that subscribes, "
            + "instead of the simulated market. REST still serves the simulated market.")
    String replay;

    @Option(names = "--speed", paramLabel = "1|10|max", defaultValue = "1",
            description = "Replay pace: 1 as recorded, 10 ten times faster, max as fast as the client reads. "
                    + "Default: ${DEFAULT-VALUE}.")
    String speed;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = new Terminal(spec, verbosity.on());
        checkPort("--port", port);
        checkPort("--rest-port", restPort);
        if (!(rate > 0) || rate > 1_000_000) {
            throw ExitException.usage("--rate must be between 0 and 1000000 per second, got " + rate);
        }
        Faults chosen = EndpointOptions.scenarios(scenarios == null ? "" : String.join(",", scenarios))
                .with(faults.faults());
        SimConfig config = SimConfig.listening(port, restPort, null).withMarket(seed, rate).withFaults(chosen);
        if (replay != null) {
            config = config.withReplay(RecordingFiles.replayOf(replay, speed));
        }
        if (trustKey != null) {
            config = config.withTrustedKey(AuthOptions.trusted(trustKey, root, terminal));
        }
        try (ExchangeSimulator sim = start(config)) {
            terminal.data(sim.wsUri().toString());
            terminal.data(sim.restUri().toString());
            terminal.verbose("faults: " + (chosen.isEmpty() ? "none" : chosen.all()));
            CountDownLatch forever = new CountDownLatch(1);
            if (duration == null) {
                forever.await();
            } else {
                forever.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return ExitCode.OK.code();
    }

    private static ExchangeSimulator start(SimConfig config) {
        try {
            return ExchangeSimulator.start(config);
        } catch (ExchangeSimulator.PortInUseException e) {
            throw ExitException.connection("port " + e.port() + " is already in use; pick another or use 0");
        } catch (java.io.IOException e) {
            throw ExitException.connection("cannot start the simulator: " + e.getMessage());
        }
    }

    private static void checkPort(String option, int value) {
        if (value < 0 || value > 65535) {
            throw ExitException.usage(option + " must be a port from 0 to 65535, got " + value);
        }
    }

    /** Lists every scenario with its one line in {@code feedctl sim --help}. */
    /** The scenario list as the help's footer, rendered only when the help is shown (not when the simulator runs). */
    static void describeScenarios(CommandLine sim) {
        sim.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            int width = help.commandSpec().usageMessage().width();
            CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumnWidths(help.colorScheme(), 23,
                    width - 23);
            for (Scenario s : Scenario.values()) {
                table.addRowValues("  " + s.id(), s.description());
            }
            return System.lineSeparator() + "Scenarios (--scenario, or --sim=NAME on other commands):"
                    + System.lineSeparator() + table;
        });
    }
}
