package dev.feedctl.report;

import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.protocol.Json;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tail}'s stream lines: one per price update (NDJSON or CSV), and status events as NDJSON objects with an
 * {@code "event"} field (connected, outage, reconnected, gap, stale, recovered, retrying, ended).
 */
public final class TailLines {

    public static final String CSV_HEADER = "product,price,bid,ask,exchange_time,received_at,sequence,connection";

    private TailLines() {
    }

    public static String ndjson(PriceBoard.Update u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product", u.product());
        m.put("price", plain(u.price()));
        m.put("bid", plain(u.bid()));
        m.put("ask", plain(u.ask()));
        m.put("exchange_time", u.exchangeTime() == null ? null : DecimalsAndTimes.iso(u.exchangeTime()));
        m.put("received_at", DecimalsAndTimes.iso(u.receivedAt()));
        m.put("sequence", u.sequence());
        m.put("connection", u.connection());
        m.put("channel", u.channel());
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static String csv(PriceBoard.Update u) {
        return String.join(",", u.product(), text(plain(u.price())), text(plain(u.bid())), text(plain(u.ask())),
                u.exchangeTime() == null ? "" : DecimalsAndTimes.iso(u.exchangeTime()),
                DecimalsAndTimes.iso(u.receivedAt()),
                u.sequence() == null ? "" : u.sequence().toString(), Long.toString(u.connection()));
    }

    /** A human line for {@code -o text} off a terminal. */
    public static String text(PriceBoard.Update u) {
        return DecimalsAndTimes.iso(u.receivedAt()) + "  " + u.product() + "  " + plain(u.price())
                + (u.bid() == null ? "" : "  bid " + plain(u.bid())) + (u.ask() == null ? "" : "  ask " + plain(u.ask()));
    }

    public static String connected(FeedEngine.Link link, Instant at) {
        Map<String, Object> m = event("connected", at);
        m.put("shard", link.shard());
        m.put("connection", link.connection());
        m.put("reconnect", link.reconnect());
        m.put("products", link.products());
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    /** The outage as known when it was detected. */
    public static String outage(int shard, String cause, Instant at) {
        Map<String, Object> m = event("outage", at);
        m.put("shard", shard);
        m.put("cause", cause);
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static String retrying(int shard, int attempt, java.time.Duration wait, String cause, Instant at) {
        Map<String, Object> m = event("retrying", at);
        m.put("shard", shard);
        m.put("attempt", attempt);
        m.put("wait_ms", wait.toMillis());
        m.put("last_cause", cause);
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    /** The whole outage, once: {@code reconnected} when the feed is back, {@code gave_up} when feedctl stopped. */
    public static String ended(Outage o, Instant at) {
        Map<String, Object> m = event(o.restoredAt() == null ? "gave_up" : "reconnected", at);
        m.put("shard", o.shard());
        m.put("connection", o.connection() == 0 ? null : o.connection());
        m.put("kind", o.kind());
        m.put("cause", o.cause());
        m.put("close_code", o.closeCode());
        m.put("last_frame_at", o.lastFrameAt() == null ? null : DecimalsAndTimes.iso(o.lastFrameAt()));
        m.put("detected_at", DecimalsAndTimes.iso(o.detectedAt()));
        m.put("detection_ms", o.detection().toMillis());
        m.put("downtime_ms", o.downtime() == null ? null : o.downtime().toMillis());
        m.put("attempts", o.attempts());
        m.put("gaps", o.gaps());
        m.put("missing", o.missing());
        m.put("lost_data", o.lostData());
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static String gap(FeedEngine.Link link, SequenceTracker.Anomaly a, Instant at) {
        Map<String, Object> m = event("gap", at);
        m.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("connection", link.connection());
        m.put("expected", a.expected());
        m.put("actual", a.actual());
        m.put("missing", a.missing());
        m.put("products", link.products());
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static String stale(String product, boolean stale, java.time.Duration age, Instant at) {
        Map<String, Object> m = event(stale ? "stale" : "recovered", at);
        m.put("product", product);
        if (stale) {
            m.put("age_ms", age.toMillis());
        }
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static String rest(String product, String state, Double deviationBps, Instant at) {
        Map<String, Object> m = event("rest", at);
        m.put("product", product);
        m.put("state", state);
        m.put("deviation_bps", deviationBps == null ? null : Math.round(deviationBps * 10) / 10.0);
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }

    private static Map<String, Object> event(String name, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        m.put("at", DecimalsAndTimes.iso(at));
        return m;
    }

    static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
