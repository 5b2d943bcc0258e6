package dev.feedctl.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds REST's trades against the socket's as REST's answers come in: an id REST has and the socket never delivered
 * within the span both cover is an exact loss; the same id with another price, size or side is a mismatch. Runs on
 * the judging thread; keeps counts, a few examples and the covered intervals, never the trades themselves.
 */
final class TradeJudge {

    static final int RECENT = 20;
    /** REST ids remembered to ignore a paged window's overlap; older ones are let go. */
    private static final int SEEN = 100_000;

    /** What one product's comparison found. */
    static final class Tally extends TradeCounts {
        /** Merged [from, to) intervals REST answered for, in order. */
        final List<Instant[]> covered = new ArrayList<>();
        final IdWindow seen = new IdWindow(SEEN);
        /** Missing ids not yet taken by a live view (tail), the latest {@link #RECENT} at most. */
        final java.util.ArrayDeque<TradeAuditor.RestTrade> recentMissing = new java.util.ArrayDeque<>();

        void cover(Instant from, Instant to) {
            for (Instant[] c : covered) {
                if (!from.isAfter(c[1]) && !to.isBefore(c[0])) {
                    c[0] = from.isBefore(c[0]) ? from : c[0];
                    c[1] = to.isAfter(c[1]) ? to : c[1];
                    return;
                }
            }
            covered.add(new Instant[] {from, to});
        }

        /** How much of [from, to) REST covered. */
        Duration coveredWithin(Instant from, Instant to) {
            Duration d = Duration.ZERO;
            for (Instant[] c : covered) {
                Instant a = c[0].isAfter(from) ? c[0] : from;
                Instant b = c[1].isBefore(to) ? c[1] : to;
                if (b.isAfter(a)) {
                    d = d.plus(Duration.between(a, b));
                }
            }
            return d;
        }
    }

    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    Tally tally(String product) {
        Tally t = tallies.get(product); // not computeIfAbsent: its lambda was linked mid-run, at REST's first answer
        if (t == null) {
            t = new Tally();
            tallies.put(product, t);
        }
        return t;
    }

    /** Takes every answer the auditor has so far. */
    void drain(TradeAuditor auditor, TradeTape tape) {
        TradeAuditor.Answer a;
        while ((a = auditor.answers.poll()) != null) {
            take(a, tape);
        }
    }

    private void take(TradeAuditor.Answer a, TradeTape tape) {
        Tally t = tally(a.product());
        t.cover(a.coveredFrom(), a.to());
        TradeTape.Span span = tape.span(a.product());
        for (int i = a.trades().size() - 1; i >= 0; i--) { // REST answers newest first; examples go oldest first
            TradeAuditor.RestTrade r = a.trades().get(i);
            if (!t.seen.add(r.id())) {
                continue;
            }
            if (tape.keptAlike(a.product(), r)) {
                t.compared++; // as compare() finds it, without rebuilding the socket's trade
                continue;
            }
            TradeTape.Kept k = tape.find(a.product(), r.id());
            if (k != null) {
                compare(t, r, k);
            } else if (span != null && r.time().isAfter(span.first()) && r.time().isBefore(span.last())) {
                if (tape.forgotten(a.product(), r.time())) {
                    t.forgotten++;
                } else {
                    t.missing++;
                    if (t.recentMissing.size() == RECENT) {
                        t.recentMissing.removeFirst();
                    }
                    t.recentMissing.addLast(r);
                    TradeCounts.example(t.missingExamples, r.id() + " at " + r.time());
                }
            } else {
                t.outside++;
            }
        }
    }

    private static void compare(Tally t, TradeAuditor.RestTrade r, TradeTape.Kept k) {
        t.compared++;
        boolean price = r.price() != null && k.price() != null && r.price().compareTo(k.price()) != 0;
        boolean size = r.size() != null && k.size() != null && r.size().compareTo(k.size()) != 0;
        boolean side = r.side() != null && k.side() != null && !r.side().equalsIgnoreCase(k.side());
        if (side) {
            t.sideMismatched++;
        }
        if (price || size || side) {
            t.mismatched++;
            TradeCounts.example(t.mismatchExamples, r.id() + (price ? " price " + k.price().toPlainString()
                    + " vs REST " + r.price().toPlainString() : "") + (size ? " size " + k.size().toPlainString()
                    + " vs REST " + r.size().toPlainString() : "") + (side ? " side " + k.side() + " vs REST "
                    + r.side() : ""));
        }
    }
}
