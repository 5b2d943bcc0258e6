package dev.feedctl.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a socket URL before connecting: scheme and host against the Coinbase feeds of PROTOCOL.md §1. */
public final class UrlLint {

    public static final String MARKET_DATA = "wss://advanced-trade-ws.coinbase.com";
    public static final String USER_DATA = "wss://advanced-trade-ws-user.coinbase.com";
    static final Set<String> AT_HOSTS = Set.of("advanced-trade-ws.coinbase.com", "advanced-trade-ws-user.coinbase.com");

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

    /** ERROR: the URL itself is wrong; WRONG_FEED: a Coinbase feed that is not Advanced Trade; WARN: said, not fatal. */
    public enum Level { ERROR, WRONG_FEED, WARN }

    public record Finding(Level level, String message, String fix) {
    }

    private UrlLint() {
    }

    public static List<Finding> check(URI uri, boolean allowPlaintext) {
        List<Finding> out = new ArrayList<>();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            out.add(new Finding(Level.ERROR, "\"" + uri + "\" has no host", "give a URL like " + MARKET_DATA));
            return out;
        }
        switch (scheme) {
            case "wss" -> { }
            case "ws" -> {
                if (!isLoopback(host) && !allowPlaintext) {
                    out.add(new Finding(Level.ERROR, "ws:// sends everything in clear text to " + host,
                            "use wss:// (Coinbase serves only TLS), or --allow-plaintext if you really mean it"));
                }
            }
            case "http", "https" -> out.add(new Finding(Level.ERROR, uri + " is an HTTP URL, not a WebSocket URL",
                    "the socket URL is " + MARKET_DATA + "; " + scheme + ":// URLs belong in --rest-url"));
            default -> out.add(new Finding(Level.ERROR, "unsupported scheme \"" + scheme + "\"", "use " + MARKET_DATA));
        }
        String other = OTHER_FEEDS.get(host);
        if (other != null) {
            out.add(new Finding(Level.WRONG_FEED, host + " is " + other + ", not Advanced Trade",
                    "use " + MARKET_DATA + " (market data) or " + USER_DATA + " (user orders)"));
        } else if (AT_HOSTS.contains(host)) {
            if (uri.getPath() != null && uri.getPath().startsWith("/ws/api/v2")) {
                out.add(new Finding(Level.WRONG_FEED, "/ws/api/v2 is the Global Derivatives JSON-RPC path",
                        "connect to the host root: " + MARKET_DATA));
            } else if (uri.getPath() != null && uri.getPath().length() > 1) {
                out.add(new Finding(Level.WARN, "Advanced Trade serves the socket at the host root, not at "
                        + uri.getPath(), "use " + MARKET_DATA));
            }
        } else if (host.endsWith("coinbase.com")) {
            out.add(new Finding(Level.WARN, host + " is not a known Advanced Trade socket host",
                    "the documented host is " + MARKET_DATA));
        }
        return out;
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
