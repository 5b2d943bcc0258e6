package dev.feedctl.cli;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code feedctl tail}: streams prices from a feed that stays live ({@link dev.feedctl.live.TailSession}: reconnect,
 * backoff, watchdog, shards). On a terminal a live table; otherwise one line per price update plus status events.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Stream prices. On a terminal: a live table (q quits, p pauses the display, s cycles the sort); "
                + "otherwise one NDJSON (or CSV) line per price update, with status events (connected, outage, "
                + "retrying, reconnected, gap, stale, recovered) as NDJSON lines carrying an \"event\" field. "
                + "Reconnects with jittered exponential backoff (250 ms to 30 s), a fresh JWT and every "
                + "acknowledgement checked again; a connection with no heartbeat for 3 s or no frame for "
                + "--stall-timeout is treated as dead.")
public final class TailCommand implements Callable<Integer> {

    @Mixin
    FeedOptions feed;

    @Mixin
    TailOptions options;

    /** The terminal the table is drawn on: tests put a virtual one here; null, stdout decides (a terminal gets it). */
    Supplier<TailScreen> screen;

    @Override
    public Integer call() throws Exception {
        return new TailRun(feed, options, false, screen).call();
    }
}
