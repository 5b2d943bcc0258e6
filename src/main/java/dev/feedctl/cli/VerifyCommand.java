package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.check.Replayer;
import dev.feedctl.units.Notation;
import dev.feedctl.check.Verdict;
import dev.feedctl.check.Verifier;
import dev.feedctl.check.CheckSettings;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Recording;
import java.io.BufferedReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feedctl verify}: the gate to run before claiming a feed works. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Gather evidence for --duration and check it: connected, every channel acknowledged, enough "
                + "valid data per product, no schema violations, no sequence gaps, continuous heartbeats, socket "
                + "prices that agree with REST, no stale product. Every failure names its cause and the fix. The whole "
                + "run takes at most --duration plus --timeout (a server that never answers costs --timeout).")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    VerdictOptions feed;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "How long to gather evidence. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--min-messages", paramLabel = "N", defaultValue = "3",
            description = "Valid data frames needed per product. Default: ${DEFAULT-VALUE}.")
    int minMessages;

    @Mixin
    DeviationOption deviation;

    @Option(names = "--max-staleness", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "Longest a product may go without an update. Default: ${DEFAULT-VALUE}.")
    Duration maxStaleness;

    @Mixin
    RestBudgetOption budget;

    @Option(names = "--book-depth", paramLabel = "N", defaultValue = "10",
            description = "Levels a side the book check compares with REST's product_book (level2). Default: "
                    + "${DEFAULT-VALUE}.")
    int bookDepth;

    @Option(names = "--no-exact-checks", hidden = true, description = "Leave out the trades and book checks (for "
            + "scripts/bench, which measures what they cost).")
    boolean noExactChecks;

    @Option(names = "--replay", paramLabel = "FILE", description = "Judge a recording instead of a live feed: a "
            + "tail --record file, subscribe --annotate output, or one raw frame per line ('-' for stdin), every "
            + "connection in it. No network; REST checks SKIP; channels and products come from the recording unless "
            + "-c/-p are given.")
    String replay;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = feed.terminal();
        if (duration.isZero() || minMessages < 0) {
            throw ExitException.usage("--duration must be positive and --min-messages not negative");
        }
        double maxDeviationBps = deviation.bps();
        if (bookDepth < 1 || bookDepth > 1000) {
            throw ExitException.usage("--book-depth must be from 1 to 1000, got " + bookDepth);
        }
        double restBudget = budget.value(); // checked before anything connects
        List<String> channels = feed.stream.channels();
        List<String> products = feed.stream.products();
        if (replay != null) {
            return replay(terminal, channels, products);
        }
        CdpKey key = feed.key(terminal);
        AuthOptions.requireKeyFor(channels, key);
        feed.reports.checkWritable();
        try (Endpoints endpoints = feed.open(key)) {
            feed.endpoint.rejectMalformed(endpoints.ws());
            // frames are timed on the read thread, so the consumer may nap longer between looks: less CPU per frame
            ConnectSpec socket = feed.endpoint.connectSpec(endpoints.ws()).withLinger(ConnectSpec.RELAXED_LINGER);
            CheckSettings settings = new CheckSettings(socket, endpoints.rest(),
                    channels, products, key, duration, minMessages, maxDeviationBps, maxStaleness, restBudget);
            Verifier verifier = new Verifier(settings, Clock.systemUTC()).withBookDepth(bookDepth)
                    .withExactChecks(!noExactChecks);
            // Ctrl-C or SIGTERM: stop gathering, judge what was seen, write the reports (with the exit code the
            // process is about to have), then let the JVM exit with 130 or 143
            return ReportBeforeExit.run("feedctl-interrupt", verifier::interrupt, Duration.ofSeconds(5), () -> {
                terminal.verbose("gathering evidence for " + Notation.duration(duration) + " from " + endpoints.ws()
                        + " (Ctrl-C judges what was seen so far)");
                Verdict verdict = verifier.run();
                feed.render(verdict, terminal, false);
                return verdict.exitCode().code();
            });
        }
    }

    private int replay(Terminal terminal, List<String> channels, List<String> products) throws Exception {
        if (feed.endpoint.simulated()) {
            throw ExitException.usage("--replay judges a recording; it cannot be combined with --sim");
        }
        feed.reports.checkWritable();
        BufferedReader in = RecordingFiles.open(replay);
        CheckSettings settings = new CheckSettings(ConnectSpec.of(URI.create("replay:recording"), feed.endpoint.timeout()),
                URI.create("replay:none"), channels, products, null, duration, minMessages, deviation.bps(),
                maxStaleness, budget.value());
        Replayer replayer = new Replayer(settings, feed.stream.given(), new Recording(in), "-".equals(replay) ? "stdin"
                : replay);
        Verdict verdict = replayer.run();
        feed.render(verdict, terminal, false);
        return verdict.exitCode().code();
    }
}
