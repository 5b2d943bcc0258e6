package dev.feedctl.protocol;

import java.util.List;
import java.util.Locale;

/** What a server {@code error} frame means, given what was just asked of it (docs/protocol.md §4). */
public final class ServerErrors {

    /** @param authProblem true when the likely cause is the key (exit 4), false for a protocol problem (exit 5) */
    public record Explanation(String text, boolean authProblem) {
    }

    private ServerErrors() {
    }

    /**
     * @param channels  the subscribe names just sent
     * @param withKey   whether subscribes carried a JWT
     * @param ed25519   whether that key is Ed25519
     */
    public static Explanation explain(Frame.Error error, List<String> channels, boolean withKey, boolean ed25519) {
        if (error.message() == null || error.message().isBlank()) {
            return new Explanation("the server sent an error frame without a message: it refused something, and "
                    + "did not say what; check the channel and product names, and the key if one was given", false);
        }
        String message = error.message();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("authentication failure")) {
            for (String c : channels) {
                var right = Channels.advancedTradeNameFor(c);
                if (right.isPresent()) {
                    return new Explanation("server said \"" + message + "\" after a subscribe to \"" + c
                            + "\", which is not an Advanced Trade channel: Advanced Trade calls it " + right.get()
                            + " (heartbeats / market_trades / level2)", false);
                }
            }
            boolean wantsPrivate = channels.stream().anyMatch(Channels.PRIVATE::contains);
            if (!withKey) {
                return new Explanation("server said \"" + message + "\": "
                        + (wantsPrivate ? "user and futures_balance_summary need a CDP key (--key-file, or "
                        + "COINBASE_API_KEY + COINBASE_API_SECRET)" : "check the channel names "
                        + "(heartbeats, ticker, ticker_batch, level2, market_trades, candles, status)"), wantsPrivate);
            }
            return new Explanation("server said \"" + message + "\": the key was rejected; check that it is a CDP "
                    + "API key (not a legacy Exchange key), the algorithm" + (ed25519
                    ? " (Ed25519 keys are not accepted everywhere: try an ECDSA key)" : " (ES256)")
                    + ", and this machine's clock (JWTs live 120 s)", true);
        }
        if (lower.contains("too many l2 streams")) {
            return new Explanation("server said \"" + message + "\": at most 16 level2 products fit on one "
                    + "connection; spread them over several connections", false);
        }
        if (lower.contains("failure to subscribe")) {
            return new Explanation("server said \"" + message + "\": the subscribe was refused; check that every "
                    + "product id exists and is spelled BASE-QUOTE (BTC-USD), and that the channel takes product ids",
                    false);
        }
        if (lower.contains("rate limit exceeded")) {
            return new Explanation("server said \"" + message + "\": too many messages or connections from this "
                    + "address; send fewer subscribes per second, reuse one connection, and back off before "
                    + "reconnecting", false);
        }
        if ("failed to subscribe".equals(lower) && error.reason() != null) {
            return new Explanation("server said \"" + message + ": " + error.reason() + "\": this is the legacy "
                    + "Exchange protocol, which wants a \"channels\" array; connect to "
                    + CoinbaseHosts.MARKET_DATA + " and send one \"channel\" per subscribe", false);
        }
        return new Explanation("server said \"" + message + "\"" + (error.reason() == null ? ""
                : " (reason: " + error.reason() + ")"), false);
    }
}
