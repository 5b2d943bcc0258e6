package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The newest trade REST's {@code /market/products/{id}/ticker} shows for a product, and the one rule, shared by
 * {@code verify} and {@code tail}, that tells a dead subscription from a quiet market. Both times compared are on the
 * exchange's clock (the trade's {@code time}, the socket frame's {@code timestamp}): this machine's clock, however
 * far off, never enters the comparison.
 *
 * @param at    the trade's time, exchange clock; null for {@link #NONE}
 * @param price its price: a sane positive decimal, or null when the answer's was absurd or missing
 */
public record LastTrade(Instant at, BigDecimal price) {

    /** REST answered and lists no trade at all: nothing traded that the socket could have missed. */
    public static final LastTrade NONE = new LastTrade(null, null);

    /**
     * The newest trade in a ticker answer; {@link #NONE} when it lists no trade; null when the answer cannot say (no
     * {@code trades} list, or none of its trades with a readable time). Untrusted text: an absurd price is dropped,
     * never used in arithmetic.
     */
    public static LastTrade of(JsonObject tickerAnswer) {
        if (tickerAnswer == null || !(tickerAnswer.get("trades") instanceof JsonArray trades)) {
            return null;
        }
        if (trades.isEmpty()) {
            return NONE;
        }
        LastTrade newest = null;
        for (JsonElement t : trades) {
            if (!t.isJsonObject()) {
                continue;
            }
            JsonObject o = t.getAsJsonObject();
            Instant at = o.get("time") instanceof JsonPrimitive p && p.isString()
                    ? DecimalsAndTimes.time(p.getAsString()) : null;
            if (at != null && (newest == null || at.isAfter(newest.at))) {
                newest = new LastTrade(at, price(o.get("price")));
            }
        }
        return newest;
    }

    private static BigDecimal price(JsonElement e) {
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            return null;
        }
        BigDecimal d = NetworkText.decimal(p.getAsString()); // the one guard for untrusted decimals
        return d != null && d.signum() > 0 ? d : null;
    }

    /**
     * Dead, not quiet: REST shows this trade after the socket's last update for the product, both on the exchange's
     * clock. A trade at or before it is one the socket delivered (or an older one): the market is quiet.
     */
    public boolean showsTradeAfter(Instant socketLastOnExchangeClock) {
        return at != null && at.isAfter(socketLastOnExchangeClock);
    }

    /** How much newer this trade is than the socket's last update (exchange clock); negative when older. */
    public Duration newerThan(Instant socketLastOnExchangeClock) {
        return Duration.between(socketLastOnExchangeClock, at);
    }
}
