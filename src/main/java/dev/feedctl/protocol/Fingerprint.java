package dev.feedctl.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Set;

/** Tells which Coinbase feed a parsed JSON frame belongs to (PROTOCOL.md §2 "Format fingerprinting rules"). */
public final class Fingerprint {

    /** Top-level {@code type} values of the legacy Exchange feed. */
    static final Set<String> LEGACY_TYPES = Set.of("heartbeat", "ticker", "snapshot", "l2update", "match",
            "last_match", "subscriptions", "received", "open", "done", "change", "activate", "status",
            "auction", "rfq_match", "level3", "full");

    private Fingerprint() {
    }

    /** The family, or null when the object looks like no Coinbase feed. */
    public static FeedFamily of(JsonObject o) {
        if (o.has("jsonrpc")) {
            return FeedFamily.DERIVATIVES_JSONRPC;
        }
        String type = text(o.get("type"));
        String channel = text(o.get("channel"));
        if (channel != null && type != null && isUpper(channel) && isUpper(type)) {
            return FeedFamily.INTERNATIONAL;
        }
        if (type != null && isUpper(type) && type.length() > 1) {
            return FeedFamily.INTERNATIONAL;
        }
        if (o.has("channel") || o.has("events")) {
            return FeedFamily.ADVANCED_TRADE;
        }
        if (type != null) {
            if ("error".equals(type)) {
                return FeedFamily.ADVANCED_TRADE; // both feeds use {"type":"error",...}; AT is the tolerant reading
            }
            if (LEGACY_TYPES.contains(type) || o.has("sequence") || o.has("channels") || o.has("product_id")) {
                return FeedFamily.LEGACY_EXCHANGE;
            }
        }
        return null;
    }

    private static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static boolean isUpper(String s) {
        return !s.isEmpty() && s.equals(s.toUpperCase(Locale.ROOT)) && !s.equals(s.toLowerCase(Locale.ROOT));
    }
}
