package dev.feedctl.cli;

import dev.feedctl.monitor.MetricsAddress;
import picocli.CommandLine.Option;

/** {@code --metrics [HOST:]PORT}: tail and monitor serve /metrics and /healthz there. */
public final class MetricsOption {

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", description = "Serve Prometheus metrics on "
            + "/metrics and a health check on /healthz (200 when every shard is connected and every product fresh, "
            + "503 naming what is not) at this address, 127.0.0.1 unless a host is given. monitor: default "
            + "127.0.0.1:9464.")
    String value;

    /** The address to serve on; {@code fallback} (null: do not serve) when the option is absent. */
    MetricsAddress address(MetricsAddress fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return MetricsAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw ExitException.usage("--metrics " + value + ": " + e.getMessage());
        }
    }
}
