package dev.feedctl.protocol;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a socket URL before connecting: scheme and host against the Coinbase feeds of docs/protocol.md §1. */
public final class UrlLint {

    private static final String MARKET_DATA = CoinbaseHosts.MARKET_DATA;
    private static final String USER_DATA = CoinbaseHosts.USER_DATA;

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
        String other = CoinbaseHosts.otherFeed(host);
        if (other != null) {
            out.add(new Finding(Level.WRONG_FEED, host + " is " + other + ", not Advanced Trade",
                    "use " + MARKET_DATA + " (market data) or " + USER_DATA + " (user orders)"));
        } else if (CoinbaseHosts.isAdvancedTrade(host)) {
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

    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
