package dev.feedctl.check;

import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.RestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trades and book comparisons with REST for a feed that runs until stopped ({@code tail --rest-check}): the same
 * parts as verify's checks, their REST threads running for as long as the feed, their memory bounded by their
 * windows. The feed's thread folds frames in and takes what changed as {@link Finding}s.
 */
public final class LiveAudits {

    /** Something to tell: trades REST has that the socket did not deliver, or a book that now agrees or drifts. */
    public sealed interface Finding {
    }

    /**
     * {@code count} newly missed trades of a product (the latest ids among them), {@code total} since the start;
     * {@code inOutage} of the latest were made while a connection of this feed was down (its last frame to its
     * restoration, on this machine's clock, widened by {@link #OUTAGE_MARGIN}): that outage's exact loss.
     */
    public record MissedTrades(String product, long count, long total, List<String> ids, long inOutage)
            implements Finding {
    }

    /** Trade times are the exchange's, outages this machine's: the skew between them is allowed for this much. */
    public static final java.time.Duration OUTAGE_MARGIN = java.time.Duration.ofSeconds(1);
    private static final int OUTAGES_KEPT = 100;
    private final java.util.ArrayDeque<java.time.Instant[]> outages = new java.util.ArrayDeque<>();

    /** A product's book health after a comparison that changed it; {@code difference} null when it agrees. */
    public record BookHealth(String product, boolean ok, String difference) implements Finding {
    }

    /**
     * The REST audit of {@code feature} ({@code trades} or {@code book}) died of an unexpected exception: told once,
     * and nothing more is said of that feature, so no old finding goes on standing for a current one.
     */
    public record AuditFailed(String feature, String problem) implements Finding {
    }

    private final Set<String> failuresTold = new HashSet<>();

    private final TradeAudit trades;
    private final BookAudit book;
    private final Map<String, Long> missedTold = new HashMap<>();
    private final Map<String, Boolean> bookTold = new HashMap<>();

    private LiveAudits(TradeAudit trades, BookAudit book) {
        this.trades = trades;
        this.book = book;
    }

    /** Starts what the channels call for; null when neither market_trades nor level2 is subscribed. */
    public static LiveAudits start(RestClient rest, List<String> channels, List<String> products) {
        List<String> canonical = products.stream().map(ProductIds::canonical).distinct().toList();
        TradeAudit t = channels.contains("market_trades") ? new TradeAudit(rest, canonical, Long.MAX_VALUE) : null;
        BookAudit b = channels.contains("level2") ? new BookAudit(rest, canonical, BookAudit.DEFAULT_DEPTH,
                Long.MAX_VALUE) : null;
        if (t == null && b == null) {
            return null;
        }
        if (t != null) {
            t.start();
        }
        if (b != null) {
            b.start();
        }
        return new LiveAudits(t, b);
    }

    /** A received data frame (valid or not: the book names bad sizes itself). Not thread-safe: one caller at a time. */
    public void fold(Frame.Data d, boolean valid) {
        if (book != null) {
            book.fold(d);
        }
        if (trades != null && valid) {
            d.events().forEach(trades::fold);
        }
    }

    /** What changed since the last call, after judging REST's answers so far. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        if (trades != null && !failed("trades", trades.auditor.tally, out)) {
            trades.drain();
            for (String p : trades.auditor.products()) {
                TradeJudge.Tally t = trades.judge.tally(p);
                long told = missedTold.getOrDefault(p, 0L);
                if (t.missing > told) {
                    missedTold.put(p, t.missing);
                    List<String> ids = t.recentMissing.stream().map(TradeAuditor.RestTrade::id).toList();
                    long inOutage = t.recentMissing.stream().filter(r -> inOutage(r.time())).count();
                    out.add(new MissedTrades(p, t.missing - told, t.missing, ids, inOutage));
                    t.recentMissing.clear();
                }
            }
        }
        if (book != null && !failed("book", book.auditor.tally, out)) {
            book.drain();
            for (Map.Entry<String, BookJudge.Difference> e : new LinkedHashMap<>(book.judge.latest).entrySet()) {
                boolean ok = e.getValue() == null;
                if (!Boolean.valueOf(ok).equals(bookTold.put(e.getKey(), ok))) {
                    out.add(new BookHealth(e.getKey(), ok, ok ? null : e.getValue().describe()));
                }
            }
        }
        return out;
    }

    /** Whether the audit of {@code feature} has died; the first time, {@link AuditFailed} goes to {@code out}. */
    private boolean failed(String feature, RestTally tally, List<Finding> out) {
        if (tally.failure() == null) {
            return false;
        }
        if (failuresTold.add(feature)) {
            out.add(new AuditFailed(feature, tally.lastProblem()));
        }
        return true;
    }

    /** A connection of the feed was down from its last frame to its restoration (null while it is still down). */
    public void outage(java.time.Instant lastFrame, java.time.Instant restored) {
        if (outages.size() == OUTAGES_KEPT) {
            outages.removeFirst();
        }
        outages.addLast(new java.time.Instant[] {lastFrame, restored});
    }

    private boolean inOutage(java.time.Instant t) {
        for (java.time.Instant[] o : outages) {
            if (o[0] != null && !t.isBefore(o[0].minus(OUTAGE_MARGIN))
                    && (o[1] == null || !t.isAfter(o[1].plus(OUTAGE_MARGIN)))) {
                return true;
            }
        }
        return false;
    }

    /** Opens the columns the comparisons fill: a missed count for market_trades, book health for level2. */
    public void showOn(RestVerdicts verdicts) {
        verdicts.compared(trades != null, book != null);
    }

    /** Trades REST has that the socket did not deliver, per product, since the start. */
    public long missed(String product) {
        return trades == null ? 0 : trades.judge.tally(ProductIds.canonical(product)).missing;
    }

    public void stop() {
        if (trades != null) {
            trades.stop();
        }
        if (book != null) {
            book.stop();
        }
    }

}
