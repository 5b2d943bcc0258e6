package dev.feedctl.cli;

import dev.feedctl.check.ExitCode;
import dev.feedctl.auth.CdpKey;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Fault;
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
        SimConfig config = SimConfig.defaults().withPorts(port, restPort).withSeed(seed).withRate(rate)
                .withFaults(chosen);
        if (replay != null) {
            config = config.withReplay(RecordingFiles.replayOf(replay, speed));
        }
        if (trustKey != null) {
            AuthOptions auth = new AuthOptions();
            auth.keyFile = trustKey;
            CdpKey key = auth.load(root, terminal);
            config = config.withTrustedKey(new SimConfig.TrustedKey(key.name(), key.publicKey()));
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

    /** Each fault as its own option, combinable with scenarios. */
    public static final class FaultOptions {
        @Option(names = "--drop-every", paramLabel = "N", description = "Lose every Nth data frame.")
        Integer dropEvery;
        @Option(names = "--gap-every", paramLabel = "N", description = "Skip 2 sequence numbers every Nth frame.")
        Integer gapEvery;
        @Option(names = "--stall-data-after", paramLabel = "D", converter = Durations.class,
                description = "Stop data after D; heartbeats go on.")
        Duration stallData;
        @Option(names = "--stall-after", paramLabel = "D", converter = Durations.class,
                description = "Stop everything after D; the socket stays open.")
        Duration stallAll;
        @Option(names = "--malformed-every", paramLabel = "N", description = "Mangle every Nth data frame.")
        Integer malformedEvery;
        @Option(names = "--close-after", paramLabel = "D", converter = Durations.class,
                description = "Close after D with --close-code and --close-reason.")
        Duration closeAfter;
        @Option(names = "--close-code", defaultValue = "1000", description = "Close code. Default: ${DEFAULT-VALUE}.")
        int closeCode;
        @Option(names = "--close-reason", defaultValue = "", description = "Close reason.")
        String closeReason;
        @Option(names = "--drop-connection-after", paramLabel = "D", converter = Durations.class,
                description = "Drop TCP after D without a close frame (client sees 1006).")
        Duration dropAfter;
        @Option(names = "--refuse-upgrade", paramLabel = "STATUS", description = "Answer the upgrade with STATUS.")
        Integer refuseStatus;
        @Option(names = "--big-snapshot-mb", paramLabel = "MB", description = "Pad level2 snapshots to MB MiB.")
        Integer bigSnapshotMb;
        @Option(names = "--ack-delay", paramLabel = "D", converter = Durations.class, description = "Ack late.")
        Duration ackDelay;
        @Option(names = "--no-ack", description = "Never acknowledge subscribes.")
        boolean noAck;
        @Option(names = "--legacy", description = "Speak the legacy Exchange protocol.")
        boolean legacy;
        @Option(names = "--rest-429-every", paramLabel = "N", description = "REST 429 on every Nth request.")
        Integer rest429Every;
        @Option(names = "--rest-offset-bps", paramLabel = "BPS", description = "Shift REST prices by BPS.")
        Integer restOffsetBps;
        @Option(names = "--rest-5xx-every", paramLabel = "N", description = "REST 503 on every Nth request.")
        Integer rest5xxEvery;
        @Option(names = "--stale-product", paramLabel = "ID", description = "Product that goes silent after 1 s.")
        String staleProduct;
        @Option(names = "--quiet-product", paramLabel = "ID", description = "Product that stops trading after 1 s.")
        String quietProduct;
        @Option(names = "--clock-skew", paramLabel = "D", converter = Durations.class,
                description = "Exchange clock ahead by D.")
        Duration clockSkew;
        @Option(names = "--drop-trades-every", paramLabel = "N",
                description = "Every Nth trade never reaches market_trades; no sequence gap.")
        Integer dropTradesEvery;
        @Option(names = "--book-drift-after", paramLabel = "D", converter = Durations.class,
                description = "Lose one level2 update after D; that book then rests.")
        Duration bookDriftAfter;

        Faults faults() {
            Faults f = Faults.NONE;
            f = dropEvery == null ? f : f.with(new Fault.DropFrames(positive("--drop-every", dropEvery)));
            f = gapEvery == null ? f : f.with(new Fault.SequenceGaps(positive("--gap-every", gapEvery), 2));
            f = stallData == null ? f : f.with(new Fault.StallData(stallData));
            f = stallAll == null ? f : f.with(new Fault.StallAll(stallAll));
            f = malformedEvery == null ? f : f.with(new Fault.MalformedFrames(positive("--malformed-every",
                    malformedEvery)));
            f = closeAfter == null ? f : f.with(new Fault.Close(closeAfter, closeCode, closeReason));
            f = dropAfter == null ? f : f.with(new Fault.AbruptDrop(dropAfter));
            if (refuseStatus != null && (refuseStatus < 200 || refuseStatus > 599 || refuseStatus == 101)) {
                throw ExitException.usage("--refuse-upgrade takes an HTTP status from 200 to 599");
            }
            f = refuseStatus == null ? f : f.with(new Fault.RefuseUpgrade(refuseStatus));
            f = bigSnapshotMb == null ? f : f.with(new Fault.BigSnapshot(positive("--big-snapshot-mb",
                    bigSnapshotMb) * 1024 * 1024));
            f = ackDelay == null ? f : f.with(new Fault.SlowAck(ackDelay));
            f = noAck ? f.with(new Fault.NoAck()) : f;
            f = legacy ? f.with(new Fault.LegacyExchange()) : f;
            f = rest429Every == null ? f : f.with(new Fault.RestRateLimited(positive("--rest-429-every",
                    rest429Every), 1));
            f = restOffsetBps == null ? f : f.with(new Fault.RestPriceOffset(restOffsetBps));
            f = rest5xxEvery == null ? f : f.with(new Fault.RestServerError(positive("--rest-5xx-every",
                    rest5xxEvery), 503));
            f = staleProduct == null ? f : f.with(new Fault.StaleProduct(staleProduct, Duration.ofSeconds(1)));
            f = quietProduct == null ? f : f.with(new Fault.QuietProduct(quietProduct, Duration.ofSeconds(1)));
            f = clockSkew == null ? f : f.with(new Fault.ClockSkew(clockSkew));
            f = dropTradesEvery == null ? f : f.with(new Fault.DropTrades(positive("--drop-trades-every",
                    dropTradesEvery)));
            f = bookDriftAfter == null ? f : f.with(new Fault.BookDrift(bookDriftAfter));
            return f;
        }

        private static int positive(String option, int n) {
            if (n < 1) {
                throw ExitException.usage(option + " must be at least 1, got " + n);
            }
            return n;
        }
    }
}
