package dev.feedctl.cli;

import dev.feedctl.monitor.FeedObserver;
import dev.feedctl.monitor.MetricsAddress;
import dev.feedctl.monitor.MetricsObserver;
import dev.feedctl.monitor.MonitorSettings;
import dev.feedctl.live.TailSession;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Starts tail's metrics server. Its own class so that tail without --metrics never loads the Prometheus client
 * (start-up stays as it was): {@link TailRun} only calls here when an address was given.
 */
final class TailMetrics {

    private TailMetrics() {
    }

    static FeedObserver start(MetricsAddress address, TailSession session, List<String> channels,
                              Duration maxStaleness, boolean restCheck, Terminal terminal) {
        MonitorSettings s = new MonitorSettings(address, session.board().products(), session.shards(), channels,
                maxStaleness, restCheck);
        try {
            FeedObserver o = MetricsObserver.start(s, session.board(), session.verdicts(), Clock.systemUTC());
            terminal.info("metrics: " + o.url() + " (health: /healthz)");
            return o;
        } catch (BindException e) {
            throw ExitException.usage("--metrics " + address + ": cannot listen there (" + e.getMessage()
                    + "); the port is taken or the address is not this machine's: choose another port or stop what "
                    + "holds it");
        } catch (IOException e) {
            throw ExitException.usage("--metrics " + address + ": cannot serve there: " + e.getMessage());
        }
    }
}
