package dev.feedctl.monitor;

import com.sun.net.httpserver.HttpExchange;
import dev.feedctl.check.RestVerdicts;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.Violation;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.PriceBoard;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running monitor: counts the engine's events into {@link FeedMetrics} and serves {@code /metrics} (the
 * Prometheus client's exporter: text format, OpenMetrics when asked) and {@code /healthz} ({@link FeedHealth}).
 * Events come from the shard threads; per frame it only increments cached data points and observes one latency.
 */
public final class MetricsObserver implements FeedObserver {

    private final MonitorSettings settings;
    private final PriceBoard board;
    private final RestVerdicts verdicts;
    private final Clock clock;
    private final ShardStates shards;
    private final FeedMetrics metrics;
    private final String[] shardLabels;
    private final Map<String, Map<String, CounterDataPoint>> updateCounts = new HashMap<>();
    private HTTPServer server;

    private MetricsObserver(MonitorSettings settings, PriceBoard board, RestVerdicts verdicts, Clock clock) {
        this.settings = settings;
        this.board = board;
        this.verdicts = verdicts;
        this.clock = clock;
        this.shards = new ShardStates(settings.shards().size(), settings.channels().contains(Channels.HEARTBEATS),
                clock);
        this.metrics = new FeedMetrics(settings, board, verdicts, shards, clock);
        this.shardLabels = new String[shards.size()];
        for (int i = 0; i < shardLabels.length; i++) {
            shardLabels[i] = Integer.toString(i);
        }
        for (String p : settings.products()) {
            Map<String, CounterDataPoint> byChannel = new HashMap<>();
            for (String c : FeedMetrics.priceChannels(settings.channels())) {
                byChannel.put(c, metrics.updates.labelValues(p, c));
            }
            updateCounts.put(p, byChannel);
        }
    }

    /**
     * Registers every family and starts serving on the settings' address, before anything connects: a port that is
     * taken fails here ({@link java.net.BindException}), not after the feed has been opened.
     */
    public static MetricsObserver start(MonitorSettings settings, PriceBoard board, RestVerdicts verdicts, Clock clock)
            throws IOException {
        MetricsObserver o = new MetricsObserver(settings, board, verdicts, clock);
        o.server = HTTPServer.builder().hostname(settings.address().host()).port(settings.address().port())
                .registry(o.metrics.registry).registerHealthHandler(false).defaultHandler(o::serveOther)
                .buildAndStart();
        return o;
    }

    @Override
    public String url() {
        return "http://" + new MetricsAddress(settings.address().host(), server.getPort()) + "/metrics";
    }

    /** Everything but /metrics: /healthz, else 404. */
    private void serveOther(HttpExchange ex) throws IOException {
        try (ex) {
            int status = 404;
            String body = "not found: feedctl serves /metrics and /healthz\n";
            String type = "text/plain; charset=utf-8";
            if ("/healthz".equals(ex.getRequestURI().getPath())) {
                FeedHealth h = health();
                status = h.healthy() ? 200 : 503;
                body = h.json() + "\n";
                type = "application/json";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    FeedHealth health() {
        List<ShardStates.View> views = new java.util.ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            views.add(shards.view(i));
        }
        return FeedHealth.of(board.rows(clock.instant()), verdicts, settings.maxStaleness(), views);
    }

    @Override
    public void connected(FeedEngine.Link link) {
        shards.connected(link.shard());
    }

    @Override
    public void frame(FeedEngine.Link link, FeedSession.Received r) {
        Frame f = r.decoded().frame();
        String channel = f instanceof Frame.Data d ? Channels.subscribeNameOf(d.channel()) : "other";
        CounterDataPoint count = metrics.frameCounts.get(channel);
        (count != null ? count : metrics.frameCounts.get("other")).inc();
        List<Violation> violations = r.decoded().violations();
        for (int i = 0; i < violations.size(); i++) { // indexed: no iterator per frame on C1-compiled code
            if (violations.get(i).isError()) {
                metrics.violations.labelValues(violations.get(i).rule()).inc();
            }
        }
        if (f instanceof Frame.Data d && d.timestamp() != null) {
            Instant at = r.raw().receivedAt();
            if (Channels.HEARTBEATS.equals(d.channel())) {
                shards.heartbeat(link.shard(), at);
            }
            if (!Channels.SUBSCRIPTIONS.equals(d.channel())) {
                Instant sent = d.timestamp();
                metrics.lag.observe((at.getEpochSecond() - sent.getEpochSecond())
                        + (at.getNano() - sent.getNano()) / 1e9);
            }
        }
    }

    @Override
    public void updates(List<PriceBoard.Update> updates) {
        for (PriceBoard.Update u : updates) {
            Map<String, CounterDataPoint> byChannel = updateCounts.get(u.product());
            CounterDataPoint c = byChannel == null ? null : byChannel.get(Channels.subscribeNameOf(u.channel()));
            if (c != null) {
                c.inc();
            }
        }
    }

    @Override
    public void gap(FeedEngine.Link link, SequenceTracker.Anomaly a) {
        if (a.kind() == SequenceTracker.Kind.GAP) {
            metrics.gaps.labelValues(shardLabels[link.shard()]).inc();
        }
    }

    @Override
    public void down(int shard, String kind, Integer closeCode, String cause) {
        if (shards.down(shard, cause)) {
            metrics.outages.labelValues(shardLabels[shard], OutageCause.of(kind, closeCode).label()).inc();
        }
    }

    @Override
    public void retrying(int shard, int attempt, Duration wait, String lastCause) {
        metrics.reconnects.labelValues(shardLabels[shard]).inc();
    }

    @Override
    public void missedTrades(String product, long count) {
        if (metrics.missedTrades != null && count > 0 && updateCounts.containsKey(product)) {
            metrics.missedTrades.labelValues(product).inc(count);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
