package dev.feedctl.check;

import dev.feedctl.transport.RestCounts;
import dev.feedctl.units.Notation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Socket prices against REST prices fetched during the run: PASS only on comparisons that happened. */
final class RestPriceCheck {

    private RestPriceCheck() {
    }

    static CheckResult check(CheckSettings s, Evidence o) {
        Evidence.Rest rest = o.rest();
        RestCounts client = rest.counts();
        Evidence.Prices prices = rest.prices();
        long calls = client.calls();
        long refused = client.refused();
        String restCounts = "REST calls " + calls + ", refused (429) " + refused + ", 5xx " + client.serverErrors();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rest_calls", calls);
        data.put("rest_refused", refused);
        data.put("rest_5xx", client.serverErrors());
        if (!Verifier.isPriced(s.channels())) {
            return new CheckResult("rest-price", Status.SKIP, "no ticker channel: the socket carried no prices to "
                    + "compare (add -c ticker); " + restCounts, null, null, ExitCode.OK, -1, data);
        }
        if (rest.failure() != null) { // whatever was compared before, the comparison did not run its course
            return CheckResult.fail("rest-price", ExitCode.INTERNAL, restCounts, rest.problem(),
                    "a bug in feedctl: please report it with this report", data);
        }
        int compared = prices.total();
        data.put("comparisons", compared);
        data.put("not_reached", prices.unreached());
        Evidence.Ending end = o.ending();
        boolean socketFailed = o.session() == null || end.close() != null || end.serverError() != null
                || end.foreign() != null || !o.session().unacknowledged().isEmpty();
        if (compared == 0 && socketFailed) {
            long answered = calls - refused - client.serverErrors() - client.networkFailures();
            return new CheckResult("rest-price", Status.SKIP, (answered > 0 ? "REST works (" + answered
                    + " answers), the socket does not: no socket prices to compare; " : "no socket prices to "
                    + "compare; ") + restCounts, null, null, ExitCode.OK, -1, data);
        }
        if (compared == 0) {
            return CheckResult.warn("rest-price", restCounts, noComparison(rest, calls, refused), refused > 0
                    ? "lower the REST budget (--rest-budget) or run again later" : null, data);
        }
        return compared(s, prices, compared, restCounts, data);
    }

    /** Why nothing was compared, the likeliest cause first. */
    private static String noComparison(Evidence.Rest rest, long calls, long refused) {
        RestCounts client = rest.counts();
        int unreached = rest.prices().unreached();
        return refused > 0 ? "REST rate-limited: " + refused + " of " + calls + " requests answered 429; "
                + "no comparison happened, so the verdict rests on the socket evidence"
                : client.serverErrors() > 0 ? "REST failing (" + problem(rest, client.serverErrors() + " answers "
                + "5xx") + "); no comparison happened" : client.networkFailures() > 0 ? "REST unreachable ("
                + problem(rest, client.networkFailures() + " requests got no answer") + ")"
                : unreached > 0 ? "the socket's prices never reached the times REST was asked before the run "
                + "ended (" + unreached + (unreached == 1 ? " sample" : " samples") + "; a backlog, see keeping-up): "
                + "nothing to compare"
                : rest.prices().unaligned() > 0 ? "the socket sent no price near the times REST was sampled"
                : rest.problem() != null ? "REST gave no price: " + rest.problem()
                + "; --rest-url must be the Advanced Trade REST base (" + dev.feedctl.protocol.CoinbaseHosts.REST
                + ")"
                : "no REST sample was taken (run longer with --duration)";
    }

    private static CheckResult compared(CheckSettings s, Evidence.Prices prices, int compared, String restCounts,
                                        Map<String, Object> data) {
        Map.Entry<String, BigDecimal> worst = prices.worstBps().entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow();
        data.put("max_deviation_bps", worst.getValue().doubleValue());
        data.put("limit_bps", s.maxDeviationBps());
        int unreached = prices.unreached();
        String evidence = compared + " time-aligned comparisons, max deviation " + Notation.bps(worst.getValue())
                + " on " + worst.getKey() + " (limit " + Notation.bps(s.maxDeviationBps()) + ")" + (unreached > 0
                ? ", " + unreached + (unreached == 1 ? " later sample" : " later samples") + " not compared (REST "
                + "was asked after the socket's last judged price)" : "") + "; " + restCounts;
        if (worst.getValue().compareTo(BigDecimal.valueOf(s.maxDeviationBps())) > 0) {
            return CheckResult.fail("rest-price", ExitCode.VERIFICATION_FAILED, evidence, "socket and REST disagree: "
                    + worst.getKey() + " differs by " + Notation.bps(worst.getValue()), "check that both URLs point "
                    + "at the same exchange and the product ids match (aliases like BTC-USDC are mapped to BTC-USD)",
                    data);
        }
        return CheckResult.pass("rest-price", evidence, data);
    }

    /** What the price sampler last saw go wrong, or {@code otherwise} when only other REST calls failed. */
    private static String problem(Evidence.Rest rest, String otherwise) {
        return rest.problem() != null ? rest.problem() : otherwise;
    }
}
