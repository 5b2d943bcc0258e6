package dev.feedctl.protocol;

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
     * The newest trade in a ticker answer's body; {@link #NONE} when it lists no trade; null when the answer cannot say
     * (not a JSON object, no {@code trades} list, or none of its trades with a readable time). Untrusted text: an
     * absurd price is dropped, never used in arithmetic; a time or price that is not a JSON string is none.
     * <p>
     * Read with the frames' {@link JsonIndex}, not Gson: tail --rest-check asks once a second per product, and Gson's
     * reader was then compiled by C2 minutes into a run, its compilation holding some 20 MiB of the JIT's memory for
     * seconds (the highest RSS sample of an hour's tail).
     */
    public static LastTrade read(String body) {
        JsonIndex t = body == null ? null : JsonIndex.ofObject(body);
        int trades = TickerTrades.trades(t); // the trades check's reader finds its array so too
        if (trades < 0) {
            return null;
        }
        if (t.after(trades) == trades + 1) {
            return NONE;
        }
        LastTrade newest = null;
        for (int n = trades + 1; n < t.after(trades); n = t.after(n)) {
            if (t.kind(n) != JsonIndex.OBJECT) {
                continue;
            }
            String time = t.memberString(n, "time");
            Instant at = time == null ? null : DecimalsAndTimes.time(time);
            if (at != null && (newest == null || at.isAfter(newest.at))) {
                newest = new LastTrade(at, price(t.memberString(n, "price")));
            }
        }
        return newest;
    }

    private static BigDecimal price(String text) {
        BigDecimal d = text == null ? null : NetworkText.decimal(text); // the one guard for untrusted decimals
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
