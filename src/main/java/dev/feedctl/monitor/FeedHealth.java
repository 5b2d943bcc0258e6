package dev.feedctl.monitor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.feedctl.check.RestVerdicts;
import dev.feedctl.transport.PriceBoard;
import java.time.Duration;
import java.util.List;

/**
 * The answer of {@code GET /healthz}: healthy when every shard is connected and every product fresh (an update seen,
 * and its age at most --max-staleness: a product nothing has arrived for yet is not fresh, it is unknown); otherwise the body names each stale product (dead or quiet when --rest-check has told) and each
 * disconnected shard with its last cause, so the on-call person reads the reason in the load balancer's log.
 */
record FeedHealth(boolean healthy, String json) {

    static FeedHealth of(List<PriceBoard.Row> rows, RestVerdicts verdicts, Duration maxStaleness,
                         List<ShardStates.View> shards) {
        JsonArray stale = new JsonArray();
        JsonArray waiting = new JsonArray();
        for (PriceBoard.Row r : rows) {
            if (r.updates() == 0 && r.age().compareTo(maxStaleness) <= 0) {
                waiting.add(r.product()); // no evidence yet either way: not healthy, and not called stale
            } else if (r.age().compareTo(maxStaleness) > 0) {
                JsonObject o = new JsonObject();
                o.addProperty("product", r.product());
                o.addProperty("age_seconds", Math.round(r.age().toMillis() / 100.0) / 10.0);
                String rest = verdicts.of(r.product()).rest();
                if ("dead".equals(rest) || "quiet".equals(rest)) {
                    o.addProperty("rest", rest);
                }
                stale.add(o);
            }
        }
        JsonArray disconnected = new JsonArray();
        for (ShardStates.View s : shards) {
            if (!s.connected()) {
                JsonObject o = new JsonObject();
                o.addProperty("shard", s.shard());
                o.addProperty("cause", s.lastCause());
                disconnected.add(o);
            }
        }
        boolean healthy = stale.isEmpty() && waiting.isEmpty() && disconnected.isEmpty();
        JsonObject body = new JsonObject();
        body.addProperty("status", healthy ? "ok" : "unhealthy");
        body.addProperty("products", rows.size());
        body.addProperty("shards", shards.size());
        body.addProperty("max_staleness_seconds", maxStaleness.toMillis() / 1000.0);
        if (!healthy) {
            body.add("stale", stale);
            body.add("no_update_yet", waiting);
            body.add("disconnected", disconnected);
        }
        return new FeedHealth(healthy, body.toString());
    }
}
