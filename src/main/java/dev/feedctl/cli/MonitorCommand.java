package dev.feedctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code feedctl monitor}: tail as a service. The same session and options, metrics always served (default
 * 127.0.0.1:9464), stdout only one NDJSON line per status event (no prices), and it ends only when --max-reconnects
 * is used up (exit 3) or on SIGTERM (exit 0, output flushed).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Watch a feed as a service: Prometheus metrics on /metrics and a health check on /healthz "
                + "(default 127.0.0.1:9464), one NDJSON line per status event on stdout (connected, outage, "
                + "retrying, reconnected, gap, stale, recovered), no price stream. Runs until SIGTERM (exit 0) or "
                + "until --max-reconnects is used up (exit 3): what ends tail's first connection at once (an "
                + "unknown host, a refused upgrade, a rejected key) is an outage here, retried with backoff.")
public final class MonitorCommand implements Callable<Integer> {

    @Mixin
    FeedOptions feed;

    @Mixin
    TailOptions options;

    @Override
    public Integer call() throws Exception {
        return new TailRun(feed, options, true, null).call();
    }
}
