package dev.feedctl.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a feed kept live, {@code tail}'s and {@code monitor}'s alike; checked before anything connects. */
public final class TailOptions {

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class, description = "Stop after "
            + "this long (exit 0). Default: until q or Ctrl-C.")
    Duration duration;

    @Option(names = "--products-per-connection", paramLabel = "N", defaultValue = "50", description = "Spread "
            + "products over connections of at most N (level2: at most 16) (default: ${DEFAULT-VALUE}).")
    int perConnection;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "No frame at all for this long on an open socket: it is dead, reconnect "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    @Option(names = "--max-reconnects", paramLabel = "N", description = "Give up (exit 3, naming the last cause) "
            + "after N attempts to end one outage. Default: never give up.")
    Integer maxReconnects;

    @Option(names = "--max-staleness", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "A product without an update for this long is marked stale (default: ${DEFAULT-VALUE}).")
    Duration maxStaleness;

    @Option(names = "--rest-check", paramLabel = "INTERVAL", converter = Durations.class, description = "Compare "
            + "shown prices with REST this often; a stale product is 'dead' when REST shows trades the socket did "
            + "not deliver, 'quiet' when it shows none.")
    Duration restCheck;

    @Mixin
    RestBudgetOption budget;

    @Option(names = "--record", paramLabel = "FILE", description = "Write every raw frame with its receive time "
            + "(nanoseconds), connection and shard as NDJSON (verify --replay reads it).")
    Path record;

    @Mixin
    MetricsOption metrics;

    /** Exit 2 for a value no run could use. */
    void validate() {
        if (maxReconnects != null && maxReconnects < 0) {
            throw ExitException.usage("--max-reconnects must be 0 or more, got " + maxReconnects);
        }
        if (perConnection < 1) {
            throw ExitException.usage("--products-per-connection must be at least 1, got " + perConnection);
        }
        if (stallTimeout.toMillis() < 100 || maxStaleness.toMillis() < 100) {
            throw ExitException.usage("--stall-timeout and --max-staleness must be at least 100ms");
        }
        if (restCheck != null && restCheck.toMillis() < 100) {
            throw ExitException.usage("--rest-check must be at least 100ms");
        }
        budget.value(); // checked before anything connects
    }
}
