package dev.feedctl.check;

import dev.feedctl.protocol.LastTrade;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the REST check of a running feed ({@code tail --rest-check}) says of each product: REST's last trade against
 * the price the socket delivered ({@code ok}, {@code dead}, {@code quiet}, {@code failed}, and the deviation), and
 * what the trades and book comparisons found. Kept apart from the {@link PriceBoard}: the board is what the socket
 * delivered, this is what REST says of it. Thread-safe: the REST threads and the feed write, the view and metrics read.
 */
public final class RestVerdicts {

    /** One product's verdicts; a null field: nothing said yet, or that comparison is off. */
    public record Verdict(String rest, Double deviationBps, String missed, String book) {
        public static final Verdict NONE = new Verdict(null, null, null, null);
    }

    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();

    /** The products subscribed; nothing is said of any yet. */
    public RestVerdicts(List<String> products) {
        products.forEach(p -> verdicts.put(ProductIds.canonical(p), Verdict.NONE));
    }

    public synchronized Verdict of(String product) {
        return verdicts.getOrDefault(ProductIds.canonical(product), Verdict.NONE);
    }

    /**
     * Judges REST's last trade of a product against its row on the board. A product the socket has gone quiet on is
     * {@code dead} when REST shows a trade after the socket's last update, {@code quiet} when it shows none
     * ({@link LastTrade}'s rule, which verify uses too). Returns the product's verdict, or null when not subscribed.
     */
    public synchronized Verdict judge(PriceBoard.Row row, LastTrade lastTrade) {
        Verdict v = row == null ? null : verdicts.get(row.product());
        if (v == null) {
            return null;
        }
        BigDecimal price = lastTrade.price();
        // an absurd price is never compared, whoever read it: its arithmetic throws or never ends
        Double deviation = price == null || !DecimalsAndTimes.sane(price) || row.price() == null || row.price().signum() == 0
                ? null : DecimalsAndTimes.approx(price.subtract(row.price()).divide(row.price(),
                MathContext.DECIMAL64)) * 10_000;
        // both times on the exchange's clock: this machine's clock skew cannot fake a trade
        String rest = !row.stale() ? "ok" : lastTrade.showsTradeAfter(row.lastAt()) ? "dead" : "quiet";
        return put(row.product(), new Verdict(rest, deviation, v.missed(), v.book()));
    }

    /** The REST check stopped for good: every product says so, none keeps showing what REST said before. */
    public synchronized void failed() {
        verdicts.replaceAll((p, v) -> new Verdict("failed", null, v.missed(), v.book()));
    }

    /**
     * The comparisons with REST's trades and books are on: every product counts its missed trades from 0 and shows
     * its book as not yet compared ({@code -}), so the columns stand from the start.
     */
    public synchronized void compared(boolean trades, boolean book) {
        verdicts.replaceAll((p, v) -> new Verdict(v.rest(), v.deviationBps(), trades ? "0" : null, book ? "-" : null));
    }

    /** What a comparison found: a product's missed count, its book's health, or that an audit stopped. */
    public synchronized void show(LiveAudits.Finding f) {
        if (f instanceof LiveAudits.MissedTrades t) {
            found(t.product(), Long.toString(t.total()), null);
        } else if (f instanceof LiveAudits.BookHealth b) {
            found(b.product(), null, b.ok() ? "ok" : "drift");
        } else if (f instanceof LiveAudits.AuditFailed a) {
            boolean trades = "trades".equals(a.feature());
            List.copyOf(verdicts.keySet()).forEach(p -> found(p, trades ? "failed" : null, trades ? null : "failed"));
        }
    }

    /** A null leaves that column as it was. */
    private void found(String product, String missed, String book) {
        Verdict v = verdicts.get(ProductIds.canonical(product));
        if (v != null) {
            put(ProductIds.canonical(product), new Verdict(v.rest(), v.deviationBps(), missed != null ? missed
                    : v.missed(), book != null ? book : v.book()));
        }
    }

    private Verdict put(String product, Verdict v) {
        verdicts.put(product, v);
        return v;
    }
}
