package dev.feedctl.cli;

import dev.feedctl.protocol.CloseCodes;
import dev.feedctl.units.Notation;
import dev.feedctl.protocol.Json;
import dev.feedctl.check.ExitCode;
import dev.feedctl.report.PhaseText;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.Inbound;
import dev.feedctl.transport.Phase;
import dev.feedctl.protocol.UrlLint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feedctl connect}: the connection waterfall, one timed line per phase; {@code --hold} watches the server. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "DNS, TCP, TLS and WebSocket upgrade, one timed line each. With --hold, stays connected "
                + "without subscribing and reports what the server does.")
public final class ConnectCommand implements Callable<Integer> {

    @Mixin
    SocketOptions socket;

    @Option(names = "--hold", paramLabel = "DURATION", converter = Durations.class,
            description = "Stay connected this long without subscribing and report what the server did.")
    Duration hold;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = socket.terminal();
        boolean json = socket.output.format(OutputOptions.Format.TEXT, OutputOptions.Format.TEXT,
                OutputOptions.Format.JSON) == OutputOptions.Format.JSON;
        try (Endpoints endpoints = socket.open(null)) {
            socket.endpoint.rejectMalformed(endpoints.ws());
            List<UrlLint.Finding> lint = UrlLint.check(endpoints.ws(), socket.endpoint.allowPlaintext);
            List<Phase> phases = new ArrayList<>();
            CloseInfo close = null;
            String closeCause = null;
            int code = ExitCode.OK.code();
            try (Connection conn = new Connector(Clock.systemUTC()).open(socket.endpoint.connectSpec(endpoints.ws()))) {
                phases.addAll(conn.phases());
                if (hold != null) {
                    close = holdOpen(conn, hold);
                    if (close != null) {
                        closeCause = close.knownCause(false, conn.sizes());
                        boolean expected = closeCause != null && closeCause.equals(CloseCodes.SUBSCRIBE_DEADLINE_CAUSE);
                        code = expected ? ExitCode.OK.code() : ExitCode.CONNECTION.code();
                    }
                }
            } catch (ConnectFailure e) {
                phases.addAll(e.phases());
                code = ExitCode.CONNECTION.code();
            }
            render(terminal, json, endpoints, lint, phases, close, closeCause);
            return code;
        }
    }

    private static CloseInfo holdOpen(Connection conn, Duration hold) throws InterruptedException {
        long end = System.nanoTime() + hold.toNanos();
        while (System.nanoTime() < end) {
            Inbound in = conn.poll(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (in instanceof Inbound.Closed c) {
                return c.close();
            }
        }
        return null;
    }

    private void render(Terminal t, boolean json, Endpoints endpoints, List<UrlLint.Finding> lint, List<Phase> phases,
                        CloseInfo close, String closeCause) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", endpoints.ws().toString());
            doc.put("lint", lint.stream().map(f -> Map.of("level", f.level().name().toLowerCase(java.util.Locale.ROOT),
                    "message", f.message(), "fix", f.fix())).toList());
            doc.put("steps", PhaseText.json(phases));
            doc.put("connected", !phases.isEmpty() && phases.stream().allMatch(Phase::ok));
            if (hold != null) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("held_ms", hold.toMillis());
                h.put("closed", close != null);
                if (close != null) {
                    h.put("code", close.code());
                    h.put("reason", close.reason());
                    h.put("by", close.side());
                    h.put("after_ms", close.sinceConnect().toMillis());
                    h.put("cause", closeCause);
                }
                doc.put("hold", h);
            }
            t.data(Json.PRETTY.toJson(doc));
            return;
        }
        t.data("url            " + endpoints.ws());
        lint.forEach(f -> t.data("lint           " + f.level().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message()
                + "; " + f.fix()));
        phases.forEach(s -> t.data(PhaseText.line(s)));
        if (hold != null) {
            t.data(close == null ? "hold           still open after " + Notation.duration(hold)
                    + "; the server did not close"
                    : "hold           " + close.describe()
                    + (closeCause == null ? "" : "\n               cause: " + closeCause));
        }
    }
}
