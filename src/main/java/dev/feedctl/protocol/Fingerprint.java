package dev.feedctl.protocol;

import java.util.Locale;
import java.util.Set;

/** Tells which Coinbase feed a JSON frame belongs to (docs/protocol.md §2, telling feeds apart). */
public final class Fingerprint {

    /** Top-level {@code type} values of the legacy Exchange feed. */
    static final Set<String> LEGACY_TYPES = Set.of("heartbeat", "ticker", "snapshot", "l2update", "match",
            "last_match", "subscriptions", "received", "open", "done", "change", "activate", "status",
            "auction", "rfq_match", "level3", "full");

    private Fingerprint() {
    }

    /** The family of object node {@code o}, or null when it looks like no Coinbase feed. */
    static FeedFamily of(JsonIndex t, int o) {
        if (t.get(o, "jsonrpc") >= 0) {
            return FeedFamily.DERIVATIVES_JSONRPC;
        }
        String type = text(t, t.get(o, "type"));
        String channel = text(t, t.get(o, "channel"));
        if (channel != null && type != null && isUpper(channel) && isUpper(type)) {
            return FeedFamily.INTERNATIONAL;
        }
        if (type != null && isUpper(type) && type.length() > 1) {
            return FeedFamily.INTERNATIONAL;
        }
        if (t.get(o, "channel") >= 0 || t.get(o, "events") >= 0) {
            return FeedFamily.ADVANCED_TRADE;
        }
        if (type != null) {
            if ("error".equals(type)) {
                return FeedFamily.ADVANCED_TRADE;
            }
            if (LEGACY_TYPES.contains(type) || t.get(o, "sequence") >= 0 || t.get(o, "channels") >= 0
                    || t.get(o, "product_id") >= 0) {
                return FeedFamily.LEGACY_EXCHANGE;
            }
        }
        return null;
    }

    private static String text(JsonIndex t, int n) {
        return n >= 0 && t.kind(n) == JsonIndex.STRING ? t.string(n, EventReader.CHANNELS) : null;
    }

    private static boolean isUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false; // the common answer (every Advanced Trade channel), found without two case copies
            }
        }
        return !s.isEmpty() && s.equals(s.toUpperCase(Locale.ROOT)) && !s.equals(s.toLowerCase(Locale.ROOT));
    }
}
