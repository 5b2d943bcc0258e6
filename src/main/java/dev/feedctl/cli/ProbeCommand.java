package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.check.Prober;
import dev.feedctl.check.Verdict;
import dev.feedctl.check.CheckSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedctl probe}: the diagnostic ladder, PASS/WARN/FAIL/SKIP per step with its time and cause. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "The diagnostic ladder: url lint, dns, tcp, tls, upgrade, subscribe-ack, first-data, "
                + "heartbeats, sequence, schema, connection, auth, rest-reachable, rest-price, clock-skew. It goes as far "
                + "as it can; a window cut short by a close is never a PASS.")
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FeedctlCommand root;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    StreamOptions stream;

    @Mixin
    AuthOptions auth;

    @Mixin
    OutputOptions output;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    ReportOptions reports;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "3s", converter = Durations.class,
            description = "How long to watch the socket after subscribing: every frame in it is validated, and a "
                    + "close inside it fails. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--max-deviation-bps", paramLabel = "BPS", defaultValue = "50",
            description = "Largest socket-vs-REST price difference allowed. Default: ${DEFAULT-VALUE}.")
    double maxDeviationBps;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = new Terminal(spec, verbosity.on());
        OutputOptions.Format format = output.format(OutputOptions.Format.TEXT, OutputOptions.Format.TEXT,
                OutputOptions.Format.JSON);
        if (!(maxDeviationBps >= 0 && maxDeviationBps <= 10_000)) {
            throw ExitException.usage("--max-deviation-bps must be a number from 0 to 10000, got " + maxDeviationBps);
        }
        List<String> channels = stream.channels();
        List<String> products = stream.products();
        CdpKey key = auth.load(root, terminal);
        reports.checkWritable();
        try (Endpoints endpoints = endpoint.open(root.env(), key)) {
            endpoint.rejectMalformed(endpoints.ws());
            CheckSettings settings = new CheckSettings(endpoint.connectSpec(endpoints.ws()), endpoints.rest(),
                    channels, products, key, duration, 1, maxDeviationBps, Duration.ofSeconds(5),
                    CheckSettings.DEFAULT_REST_BUDGET);
            Verdict verdict = new Prober(settings, Clock.systemUTC()).run();
            reports.render(verdict, format, terminal, true);
            return verdict.exitCode().code();
        }
    }
}
