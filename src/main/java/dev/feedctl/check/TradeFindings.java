package dev.feedctl.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code trades} audit found, as the check reads it once the audit is finished: per product, the span the
 * socket's trades cover, how far REST was asked and what the comparison counted; the ids the socket delivered twice;
 * and what REST was asked.
 */
record TradeFindings(List<Product> products, long duplicates, List<String> duplicateExamples, RestTally.Seen rest) {

    TradeFindings {
        products = List.copyOf(products);
        duplicateExamples = List.copyOf(duplicateExamples);
    }

    /**
     * One product's comparison.
     *
     * @param span         the socket's first and last trade; null when it delivered none
     * @param askedThrough the end of what REST was asked for; null before its first window
     * @param counts       what the comparison counted (a copy: the audit's own goes on with tail)
     * @param covered      how much of the judged span (see {@link #end}) REST's answers covered
     */
    record Product(String id, TradeTape.Span span, Instant askedThrough, TradeCounts counts, Duration covered) {

        /** The judged span ends at the socket's last trade, or where REST was asked through when that is earlier. */
        Instant end() {
            return end(span, askedThrough);
        }

        static Instant end(TradeTape.Span span, Instant askedThrough) {
            return askedThrough == null || askedThrough.isAfter(span.last()) ? span.last() : askedThrough;
        }
    }

    static TradeFindings of(TradeAudit a) {
        List<Product> products = new ArrayList<>();
        for (String p : a.auditor.products()) {
            TradeTape.Span span = a.tape.span(p);
            Instant asked = a.auditor.askedThrough(p);
            TradeJudge.Tally tally = a.judge.tally(p);
            TradeCounts counts = new TradeCounts();
            counts.add(tally, "");
            Duration covered = span == null || asked == null ? Duration.ZERO
                    : tally.coveredWithin(span.first(), Product.end(span, asked));
            products.add(new Product(p, span, asked, counts, covered));
        }
        return new TradeFindings(products, a.tape.duplicates(), a.tape.duplicateExamples(), a.auditor.tally.seen());
    }
}
