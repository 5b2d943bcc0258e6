package dev.feedctl.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Advanced Trade channel names and the legacy names people confuse them with (docs/protocol.md §3.1, §2). */
public final class Channels {

    public static final String HEARTBEATS = "heartbeats";
    public static final String LEVEL2 = "level2";
    public static final String L2_DATA = "l2_data";
    public static final String SUBSCRIPTIONS = "subscriptions";

    /** Subscribe names, in the order of the channel table. */
    public static final List<String> SUBSCRIBE_NAMES = List.of(HEARTBEATS, "candles", "status", "ticker",
            "ticker_batch", LEVEL2, "market_trades", "user", "futures_balance_summary");

    public static final Set<String> PRIVATE = Set.of("user", "futures_balance_summary");

    /** Channels whose subscribe message takes no product ids. */
    public static final Set<String> PRODUCTLESS = Set.of(HEARTBEATS, "futures_balance_summary");

    private static final Map<String, String> LEGACY_TO_AT = Map.ofEntries(
            Map.entry("heartbeat", HEARTBEATS),
            Map.entry("matches", "market_trades"),
            Map.entry("match", "market_trades"),
            Map.entry("full", LEVEL2),
            Map.entry("level3", LEVEL2),
            Map.entry("level2_batch", LEVEL2),
            Map.entry("l2update", LEVEL2),
            Map.entry(L2_DATA, LEVEL2),
            Map.entry("tickers", "ticker"),
            Map.entry("trades", "market_trades"),
            Map.entry("heartbeats_", HEARTBEATS));

    private Channels() {
    }

    public static boolean isSubscribeName(String name) {
        return SUBSCRIBE_NAMES.contains(name);
    }

    /** The Advanced Trade name for a legacy or misspelled one, if feedctl knows it. */
    public static Optional<String> advancedTradeNameFor(String name) {
        return Optional.ofNullable(LEGACY_TO_AT.get(name));
    }

    /** Messages arrive on {@code l2_data} for a {@code level2} subscription; every other name is the same. */
    public static String subscribeNameOf(String messageChannel) {
        return L2_DATA.equals(messageChannel) ? LEVEL2 : messageChannel;
    }
}
