package dev.feedctl.sim;

import dev.feedctl.protocol.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Frames of the legacy Exchange feed (docs/protocol.md §2, §3.13), for the legacy-exchange fault. */
final class LegacyFrames {

    private LegacyFrames() {
    }

    static String subscriptions(Map<String, ? extends Collection<String>> subs) {
        List<Map<String, Object>> channels = subs.entrySet().stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", e.getKey());
                    m.put("product_ids", e.getValue());
                    return m;
                }).toList();
        return Json.COMPACT.toJson(Map.of("type", "subscriptions", "channels", channels));
    }

    static String noChannels() {
        return "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\"}";
    }

    static String ticker(long sequence, String id, Market.Trade t, Market.Quote q) {
        return "{\"type\":\"ticker\",\"sequence\":" + sequence + ",\"product_id\":\"" + id + "\",\"price\":\""
                + Market.cents(q.lastCents()) + "\",\"open_24h\":\"" + Market.cents(q.openCents())
                + "\",\"volume_24h\":\"" + Market.size(q.volume()) + "\",\"low_24h\":\"" + Market.cents(q.lowCents())
                + "\",\"high_24h\":\"" + Market.cents(q.highCents()) + "\",\"best_bid\":\""
                + Market.cents(q.bidCents()) + "\",\"best_ask\":\"" + Market.cents(q.askCents())
                + "\",\"side\":\"" + t.side().toLowerCase(java.util.Locale.ROOT) + "\",\"time\":\""
                + Timestamps.format(t.time()) + "\",\"trade_id\":" + t.tradeId() + ",\"last_size\":\""
                + Market.size(t.size()) + "\"}";
    }

    static String heartbeat(long sequence, String id, long lastTradeId, Instant now) {
        return "{\"type\":\"heartbeat\",\"sequence\":" + sequence + ",\"last_trade_id\":" + lastTradeId
                + ",\"product_id\":\"" + id + "\",\"time\":\"" + Timestamps.format(now) + "\"}";
    }
}
