package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.report.PhaseText;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.Scenario;
import dev.feedctl.sim.SimConfig;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Trust;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.protocol.CoinbaseHosts;
import dev.feedctl.protocol.UrlLint;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where to connect: {@code --ws-url}, {@code --rest-url}, {@code --sim}, TLS trust, timeouts, size limits. */
public final class EndpointOptions {

    @Option(names = "--ws-url", paramLabel = "URL",
            description = "Market-data socket; env FEEDCTL_WS_URL. Default: " + CoinbaseHosts.MARKET_DATA)
    String wsUrl;

    @Option(names = "--rest-url", paramLabel = "URL", description = "REST base; env FEEDCTL_REST_URL. Default: "
            + CoinbaseHosts.REST)
    String restUrl;

    @Option(names = "--sim", arity = "0..1", fallbackValue = "healthy", paramLabel = "SCENARIO",
            description = "Start the built-in simulator on loopback and point both URLs at it; SCENARIO is a "
                    + "comma list of `feedctl sim` scenarios (default healthy).")
    String sim;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra TLS trust anchor (verification stays on).")
    Path caFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "Connect and first-answer timeout (500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "67108864",
            description = "Largest frame accepted, in bytes. Default: ${DEFAULT-VALUE} (64 MiB).")
    int maxMessageSize;

    @Option(names = "--allow-plaintext", description = "Allow ws:// to a host that is not loopback.")
    boolean allowPlaintext;

    public boolean simulated() {
        return sim != null;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Starts the simulator if asked (trusting {@code key}, so signed subscribes pass) and resolves the URLs. */
    public Endpoints open(Map<String, String> env, CdpKey key) {
        String caProblem = caFile == null ? null : Trust.problemWith(caFile);
        if (caProblem != null) {
            throw ExitException.usage(caProblem);
        }
        if (maxMessageSize < 1024) {
            throw ExitException.usage("--max-message-size must be at least 1024 bytes");
        }
        if (sim == null) {
            return new Endpoints(uri(wsUrl, env.get("FEEDCTL_WS_URL"), CoinbaseHosts.MARKET_DATA, "--ws-url"),
                    uri(restUrl, env.get("FEEDCTL_REST_URL"), CoinbaseHosts.REST, "--rest-url"), null);
        }
        SimConfig config = SimConfig.defaults().withFaults(scenarios(sim));
        if (key != null) {
            config = config.withTrustedKey(AuthOptions.trusted(key));
        }
        try {
            ExchangeSimulator s = ExchangeSimulator.start(config);
            return new Endpoints(s.wsUri(), s.restUri(), s);
        } catch (IOException e) {
            throw ExitException.connection("cannot start the simulator: " + e.getMessage());
        }
    }

    public ConnectSpec connectSpec(URI ws) {
        return new ConnectSpec(ws, timeout, maxMessageSize, caFile, allowPlaintext,
                ConnectSpec.DEFAULT_HANDOFF_BYTES, ConnectSpec.DEFAULT_LINGER);
    }

    static Faults scenarios(String list) {
        Faults faults = Faults.NONE;
        for (String id : list.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            Scenario s = Scenario.byId(id).orElseThrow(() -> ExitException.usage("unknown scenario '" + id.trim()
                    + "'; known: " + String.join(", ", Scenario.ids())));
            faults = faults.with(s.faults());
        }
        return faults;
    }

    private static URI uri(String option, String fromEnv, String fallback, String name) {
        String value = option != null ? option : fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
        try {
            URI u = new URI(value.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw ExitException.usage(name + " '" + value + "' is not an absolute URL (like " + fallback + ")");
            }
            if (u.getPort() == 0 || u.getPort() > 65535 || u.getPort() < -1) {
                throw ExitException.usage(name + " port " + u.getPort() + " is not a port (1 to 65535)");
            }
            return u;
        } catch (URISyntaxException e) {
            throw ExitException.usage(name + " '" + value + "' is not a URL: " + e.getReason());
        }
    }

    /** Lint findings: scheme mistakes are usage errors (2); a non-Advanced-Trade Coinbase host is exit 5. */
    void lint(URI ws, Terminal terminal) {
        for (UrlLint.Finding f : UrlLint.check(ws, allowPlaintext)) {
            if (f.level() == UrlLint.Level.WARN) {
                terminal.warn(f.message() + "; " + f.fix());
            } else if (f.level() == UrlLint.Level.WRONG_FEED) {
                throw ExitException.protocol("wrong endpoint: " + f.message() + "; " + f.fix());
            } else {
                throw ExitException.usage(f.message() + "; " + f.fix());
            }
        }
    }

    /** Only the URL's own mistakes (scheme, plaintext, no host): exit 2. Wrong feeds are left to the checks. */
    void rejectMalformed(URI ws) {
        for (UrlLint.Finding f : UrlLint.check(ws, allowPlaintext)) {
            if (f.level() == UrlLint.Level.ERROR) {
                throw ExitException.usage(f.message() + "; " + f.fix());
            }
        }
    }

    /** Opens the socket, or ends the command with exit 3 after printing every phase that ran. */
    Connection connect(ConnectSpec spec, Terminal terminal) throws InterruptedException {
        try {
            return new Connector(Clock.systemUTC()).open(spec);
        } catch (ConnectFailure e) {
            e.phases().forEach(s -> terminal.info(PhaseText.line(s)));
            throw ExitException.connection("cannot connect to " + spec.uri() + ": " + e.failed().cause());
        }
    }
}
