package dev.feedctl.monitor;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.protocol.Channels;
import dev.feedctl.transport.PriceBoard;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metric families of the contract (README "Monitoring"; names are users' dashboards: keep them), registered in
 * a registry of their own. Scrape-time values (ages, prices, connection state) are read from the board and the
 * shard states by callbacks; counters are counted where the events happen. Every labelled counter starts at 0 for
 * each label value known up front (products, shards, causes, rules), so rate() and alerts work before an incident.
 * Exemplars are off: feedctl has no traces to link, and sampling them would cost every increment on the read thread.
 */
final class FeedMetrics {

    final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter updates;
    final Counter outages;
    final Counter reconnects;
    final Counter gaps;
    final Counter frames;
    final Counter violations;
    final Counter missedTrades;
    final Histogram lag;
    /** Data points of the per-frame counters, looked up without allocating: the read thread must stay cheap. */
    final Map<String, CounterDataPoint> frameCounts = new HashMap<>();
    final Map<String, CounterDataPoint> updateCounts = new HashMap<>();

    FeedMetrics(MonitorSettings s, PriceBoard board, RestVerdicts verdicts, ShardStates shards, Clock clock) {
        Supplier<List<PriceBoard.Row>> rows = () -> board.rows(clock.instant());
        productGauge("feedctl_product_age_seconds", "Time since the product's last update.", rows,
                r -> r.age().toNanos() / 1e9);
        productGauge("feedctl_product_stale", "1 when the product is older than --max-staleness.", rows,
                r -> r.age().compareTo(s.maxStaleness()) > 0 ? 1 : 0);
        productGauge("feedctl_product_price", "The product's last price.", rows, r -> number(r.price()));
        productGauge("feedctl_product_best_bid", "The product's best bid.", rows, r -> number(r.bid()));
        productGauge("feedctl_product_best_ask", "The product's best ask.", rows, r -> number(r.ask()));
        updates = Counter.builder().name("feedctl_product_updates_total").help("Price updates per product and channel.")
                .labelNames("product", "channel").withoutExemplars().register(registry);
        for (String p : s.products()) {
            for (String c : priceChannels(s.channels())) {
                updateCounts.put(p + ' ' + c, updates.labelValues(p, c));
            }
        }
        if (s.restCheck()) {
            productGauge("feedctl_rest_deviation_bps", "REST's last trade price minus the shown price, in basis "
                    + "points.", rows, r -> deviation(verdicts.of(r.product())));
            missedTrades = Counter.builder().name("feedctl_missed_trades_total").help("Trades REST showed that the "
                    + "socket did not deliver.").labelNames("product").withoutExemplars().register(registry);
            s.products().forEach(missedTrades::labelValues);
        } else {
            missedTrades = null;
        }
        shardGauge("feedctl_connected", "1 while the shard's connection is live (every channel acknowledged).", shards,
                v -> v.connected() ? 1 : 0);
        shardGauge("feedctl_heartbeat_age_seconds", "Time since the shard's last heartbeat.", shards,
                ShardStates.View::heartbeatAgeSeconds);
        CounterWithCallback.builder().name("feedctl_downtime_seconds_total").help("Time the shard was down, the "
                + "current outage included.").labelNames("shard").callback(cb -> {
                    for (int i = 0; i < shards.size(); i++) {
                        cb.call(shards.view(i).downtimeSeconds(), Integer.toString(i));
                    }
                }).register(registry);
        outages = shardCounter("feedctl_outages_total", "Outages by cause.", shards.size(), "cause");
        reconnects = shardCounter("feedctl_reconnect_attempts_total", "Reconnect attempts.", shards.size(), null);
        gaps = shardCounter("feedctl_sequence_gaps_total", "Sequence gaps within a connection.", shards.size(), null);
        frames = Counter.builder().name("feedctl_frames_total").help("Frames received, by channel.")
                .labelNames("channel").withoutExemplars().register(registry);
        for (String c : frameChannels(s.channels())) {
            frameCounts.put(c, frames.labelValues(c));
        }
        violations = Counter.builder().name("feedctl_violations_total").help("Protocol violations, by rule.")
                .labelNames("rule").withoutExemplars().register(registry);
        ViolationRules.known(s.channels()).forEach(violations::labelValues);
        lag = Histogram.builder().name("feedctl_exchange_lag_seconds").help("Exchange timestamp to receipt.")
                .classicOnly().classicUpperBounds(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
    }

    /** The subscribed channels that carry prices, by subscribe name: the channel label of the updates counter. */
    static List<String> priceChannels(List<String> channels) {
        return channels.stream().filter(c -> List.of("ticker", "ticker_batch", Channels.LEVEL2, "market_trades")
                .contains(c)).toList();
    }

    /** Every channel a frame can be counted under: the subscribed ones, the acknowledgements, and "other". */
    static List<String> frameChannels(List<String> channels) {
        List<String> out = new java.util.ArrayList<>(channels);
        out.add(Channels.SUBSCRIPTIONS);
        out.add("other");
        return out;
    }

    private static double deviation(RestVerdicts.Verdict v) {
        return v.deviationBps() == null ? Double.NaN : v.deviationBps();
    }

    private void productGauge(String name, String help, Supplier<List<PriceBoard.Row>> rows,
                              Function<PriceBoard.Row, Number> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("product").callback(cb -> {
            for (PriceBoard.Row r : rows.get()) {
                cb.call(value.apply(r).doubleValue(), r.product());
            }
        }).register(registry);
    }

    private void shardGauge(String name, String help, ShardStates shards, Function<ShardStates.View, Number> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("shard").callback(cb -> {
            for (int i = 0; i < shards.size(); i++) {
                cb.call(value.apply(shards.view(i)).doubleValue(), Integer.toString(i));
            }
        }).register(registry);
    }

    private Counter shardCounter(String name, String help, int shards, String cause) {
        Counter c = Counter.builder().name(name).help(help).labelNames(cause == null ? new String[] {"shard"}
                : new String[] {"shard", cause}).withoutExemplars().register(registry);
        for (int i = 0; i < shards; i++) {
            if (cause == null) {
                c.labelValues(Integer.toString(i));
            } else {
                for (OutageCause oc : OutageCause.ALL) {
                    c.labelValues(Integer.toString(i), oc.label());
                }
            }
        }
        return c;
    }

    private static double number(BigDecimal d) {
        return d == null ? Double.NaN : d.doubleValue();
    }
}
