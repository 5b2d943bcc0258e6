package dev.feedctl.check;

import dev.feedctl.protocol.SequenceTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trades}: every trade REST has in the span both sides cover must have come on the socket, once, with REST's
 * price, size and side. An exact count of what the socket lost, which sequence numbers cannot give.
 */
final class TradesCheck {

    static final String NAME = "trades";

    private TradesCheck() {
    }

    /** The figures of all judged products together. */
    private static final class Totals extends TradeCounts {
        Duration span = Duration.ZERO;
        Duration covered = Duration.ZERO;
        final List<String> skipped = new ArrayList<>();
        final Map<String, Object> spans = new LinkedHashMap<>();
    }

    static CheckResult check(Evidence o) {
        TradeFindings f = o.trades();
        Totals t = new Totals();
        f.products().forEach(p -> add(t, p));
        RestTally.Seen a = f.rest();
        String rest = a.evidence("ticker");
        if (a.failure() != null) { // whatever was compared before, the comparison did not run its course
            return CheckResult.fail(NAME, ExitCode.INTERNAL, rest, a.lastProblem(),
                    "a bug in feedctl: please report it with this report", Map.of());
        }
        Map<String, Object> data = data(t, f);
        long duplicates = f.duplicates();
        boolean sidesInverted = t.compared >= 3 && t.sideMismatched == t.compared;
        long mismatched = sidesInverted ? t.mismatched - t.sideMismatched : t.mismatched;
        if (t.spans.isEmpty() && duplicates == 0) {
            return new CheckResult(NAME, Status.SKIP, String.join("; ", t.skipped) + "; " + rest, null, null,
                    ExitCode.OK, -1, data);
        }
        String evidence = evidence(t, duplicates) + "; " + rest;
        if (t.missing > 0 || duplicates > 0 || mismatched > 0) {
            return CheckResult.fail(NAME, ExitCode.VERIFICATION_FAILED, evidence, diagnosis(t, o, duplicates,
                    mismatched), t.missing > 0 ? "the socket lost trades upstream of its sequence numbers: after a "
                    + "loss, take the missing trades from REST (market/products/ID/ticker with start/end) and report "
                    + "the ids to Coinbase" : "deduplicate trades by trade_id; compare both URLs' exchange", data);
        }
        if (t.covered.compareTo(t.span) < 0) {
            return CheckResult.warn(NAME, evidence, "REST covered " + percent(t) + " % of the run: the rest of the "
                    + "span was not compared" + (a.lastProblem() != null ? " (" + a.lastProblem() + ")" : ""),
                    a.refused() > 0 ? "raise --rest-budget or run again later" : "give REST more budget "
                    + "(--rest-budget) or fewer products", data);
        }
        if (t.compared == 0) { // REST said nothing of the span: no socket trade was held against it
            return CheckResult.warn(NAME, evidence, "REST's answers held no trade within the span the socket's trades "
                    + "cover: nothing was compared", "check that the socket and REST name the same product and "
                    + "exchange (--ws-url, --rest-url)", data);
        }
        if (sidesInverted) {
            return CheckResult.warn(NAME, evidence, "every compared trade has the other side on REST: the two name "
                    + "different parties (maker vs taker), not a loss", null, data);
        }
        return CheckResult.pass(NAME, evidence, data);
    }

    private static void add(Totals t, TradeFindings.Product product) {
        String p = product.id();
        TradeTape.Span s = product.span();
        Instant asked = product.askedThrough();
        if (s == null) {
            t.skipped.add(p + ": no trade on the socket in the run, nothing to judge");
            return;
        }
        Instant end = product.end();
        if (asked == null || !end.isAfter(s.first())) {
            t.skipped.add(p + ": the socket's trades span less than REST's lag (" + CheckSettings.REST_LAG.toMillis()
                    + " ms) plus a second; run longer");
            return;
        }
        t.spans.put(p, CheckResult.data("from", s.first().toString(), "to", end.toString()));
        t.span = t.span.plus(Duration.between(s.first(), end));
        t.covered = t.covered.plus(product.covered());
        t.add(product.counts(), p + " ");
    }

    private static String evidence(Totals t, long duplicates) {
        return t.compared + " trades compared on " + t.spans.size() + (t.spans.size() == 1 ? " product" : " products")
                + " over " + dev.feedctl.units.Notation.duration(t.span) + " (the socket's first trade to its last, "
                + "minus REST's lag); REST covered " + percent(t) + " % of it; " + t.missing + " missing, "
                + duplicates + " delivered twice, " + t.mismatched + " differing; " + t.outside + " REST trades "
                + "outside the span not judged" + (t.forgotten > 0 ? ", " + t.forgotten + " older than the kept "
                + "window" : "") + (t.skipped.isEmpty() ? "" : "; skipped " + String.join(", ", t.skipped));
    }

    private static String diagnosis(Totals t, Evidence o, long duplicates, long mismatched) {
        List<String> parts = new ArrayList<>();
        if (t.missing > 0) {
            SequenceTracker.Counts seq = o.session().ledger().sequence();
            parts.add("the socket never delivered " + t.missing + (t.missing == 1 ? " trade" : " trades") + " REST "
                    + "has within the span (an exact loss); first " + String.join(", ", t.missingExamples) + "; "
                    + (seq.gaps() == 0 ? "no known outage: sequence numbers were contiguous over " + seq.frames()
                    + " frames, so they were lost upstream of the socket server"
                    : "the connection had " + seq.gaps() + " sequence gaps, where frames carrying them may have been "
                    + "lost"));
        }
        if (duplicates > 0) {
            parts.add(duplicates + " trade ids delivered twice: "
                    + String.join(", ", o.trades().duplicateExamples()));
        }
        if (mismatched > 0) {
            parts.add(mismatched + " trades differ from REST's record of the same id: "
                    + String.join("; ", t.mismatchExamples));
        }
        return String.join("; ", parts);
    }

    private static long percent(Totals t) {
        if (t.span.isZero()) {
            return 0;
        }
        return (long) Math.floor(100.0 * t.covered.toNanos() / t.span.toNanos());
    }

    private static Map<String, Object> data(Totals t, TradeFindings f) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("compared", t.compared);
        data.put("missing", t.missing);
        data.put("missing_examples", t.missingExamples);
        data.put("duplicates", f.duplicates());
        data.put("mismatched", t.mismatched);
        data.put("outside_span", t.outside);
        data.put("coverage_percent", percent(t));
        data.put("spans", t.spans);
        data.put("rest_calls", f.rest().requests());
        data.put("rest_refused", f.rest().refused());
        return data;
    }
}
