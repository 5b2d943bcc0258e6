package dev.feedctl.protocol;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Where Coinbase serves what (docs/protocol.md §1): the one place these host names are written. */
public final class CoinbaseHosts {

    public static final String MARKET_DATA_HOST = "advanced-trade-ws.coinbase.com";
    public static final String USER_DATA_HOST = "advanced-trade-ws-user.coinbase.com";
    /** The Advanced Trade market-data socket: feedctl's default target and the fix for every wrong endpoint. */
    public static final String MARKET_DATA = "wss://" + MARKET_DATA_HOST;
    public static final String USER_DATA = "wss://" + USER_DATA_HOST;
    /** The REST base of the Advanced Trade API. */
    public static final String REST = "https://api.coinbase.com";

    static final Set<String> ADVANCED_TRADE = Set.of(MARKET_DATA_HOST, USER_DATA_HOST);

    private static final Map<String, String> OTHER_FEEDS = Map.ofEntries(
            Map.entry("ws-feed.exchange.coinbase.com", "the legacy Coinbase Exchange feed"),
            Map.entry("ws-feed-public.sandbox.exchange.coinbase.com", "the legacy Coinbase Exchange sandbox feed"),
            Map.entry("ws-direct.exchange.coinbase.com", "the legacy Coinbase Exchange direct feed"),
            Map.entry("ws-direct.sandbox.exchange.coinbase.com", "the legacy Coinbase Exchange direct sandbox feed"),
            Map.entry("ws-feed.pro.coinbase.com", "the retired Coinbase Pro host (closes with 1000 deprecated hostname)"),
            Map.entry("ws-feed.gdax.com", "the retired GDAX host (closes with 1000 deprecated hostname)"),
            Map.entry("ws-md.international.coinbase.com", "the Coinbase International Exchange (INTX) feed"),
            Map.entry("ws-md.n5e2.coinbase.com", "the Coinbase International Exchange (INTX) sandbox"),
            Map.entry("ws-feed.prime.coinbase.com", "the Coinbase Prime feed"),
            Map.entry("streams.drb.coinbase.com", "the Advanced Trade Global Derivatives JSON-RPC feed"),
            Map.entry("api.coinbase.com", "the REST API host, not a socket"),
            Map.entry("api.exchange.coinbase.com", "the legacy Exchange REST API host, not a socket"));

    private CoinbaseHosts() {
    }

    /** What another Coinbase host is ("the legacy Coinbase Exchange feed"), or null when it is not one we know. */
    public static String otherFeed(String host) {
        return OTHER_FEEDS.get(host.toLowerCase(Locale.ROOT));
    }

    public static boolean isAdvancedTrade(String host) {
        return ADVANCED_TRADE.contains(host.toLowerCase(Locale.ROOT));
    }
}
