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
import picocli.CommandLine.Option;

/** {@code feedctl probe}: the diagnostic ladder, PASS/WARN/FAIL/SKIP per step with its time and cause. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "The diagnostic ladder: url lint, " + Prober.SOCKET_RUNGS + ", " + Prober.REST_RUNGS
                + ". It goes as far as it can; a window cut short by a close is never a PASS.")
public final class ProbeCommand implements Callable<Integer> {

    @Mixin
    VerdictOptions feed;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "3s", converter = Durations.class,
            description = "How long to watch the socket after subscribing: every frame in it is validated, and a "
                    + "close inside it fails. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Mixin
    DeviationOption deviation;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = feed.terminal();
        double maxDeviationBps = deviation.bps();
        List<String> channels = feed.stream.channels();
        List<String> products = feed.stream.products();
        CdpKey key = feed.key(terminal);
        feed.reports.checkWritable();
        try (Endpoints endpoints = feed.open(key)) {
            feed.endpoint.rejectMalformed(endpoints.ws());
            CheckSettings settings = new CheckSettings(feed.endpoint.connectSpec(endpoints.ws()), endpoints.rest(),
                    channels, products, key, duration, 1, maxDeviationBps, Duration.ofSeconds(5),
                    CheckSettings.DEFAULT_REST_BUDGET);
            Verdict verdict = new Prober(settings, Clock.systemUTC()).run();
            feed.render(verdict, terminal, true);
            return verdict.exitCode().code();
        }
    }
}
