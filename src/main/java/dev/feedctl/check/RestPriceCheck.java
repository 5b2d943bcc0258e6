package dev.feedctl.check;

import dev.feedctl.units.Figures;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Socket prices against REST prices fetched during the run: PASS only on comparisons that happened. */
final class RestPriceCheck {

    private RestPriceCheck() {
    }

    static CheckResult check(CheckSettings s, Verifier.Observed o) {
        long calls = o.rest.calls();
        long refused = o.rest.refused();
        String restCounts = "REST calls " + calls + ", refused (429) " + refused + ", 5xx " + o.rest.serverErrors();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rest_calls", calls);
        data.put("rest_refused", refused);
        data.put("rest_5xx", o.rest.serverErrors());
        if (!Verifier.isPriced(s.channels())) {
            return new CheckResult("rest-price", Status.SKIP, "no ticker channel: the socket carried no prices to "
                    + "compare (add -c ticker); " + restCounts, null, null, ExitCode.OK, -1, data);
        }
        if (o.sampler.failure() != null) { // whatever was compared before, the comparison did not run its course
            return CheckResult.fail("rest-price", ExitCode.INTERNAL, restCounts, o.sampler.lastProblem(),
                    "a bug in feedctl: please report it with this report", data);
        }
        int compared = o.compared.values().stream().mapToInt(Integer::intValue).sum();
        data.put("comparisons", compared);
        data.put("not_reached", o.unreached);
        boolean socketFailed = o.session == null || o.close != null || o.serverError != null || o.foreign != null
                || !o.session.unacknowledged().isEmpty();
        if (compared == 0 && socketFailed) {
            long answered = calls - refused - o.rest.serverErrors() - o.rest.networkFailures();
            return new CheckResult("rest-price", Status.SKIP, (answered > 0 ? "REST works (" + answered
                    + " answers), the socket does not: no socket prices to compare; " : "no socket prices to "
                    + "compare; ") + restCounts, null, null, ExitCode.OK, -1, data);
        }
        if (compared == 0) {
            String why = refused > 0 ? "REST rate-limited: " + refused + " of " + calls + " requests answered 429; "
                    + "no comparison happened, so the verdict rests on the socket evidence"
                    : o.rest.serverErrors() > 0 ? "REST failing (" + problem(o, o.rest.serverErrors() + " answers "
                    + "5xx") + "); no comparison happened" : o.rest.networkFailures() > 0 ? "REST unreachable ("
                    + problem(o, o.rest.networkFailures() + " requests got no answer") + ")"
                    : o.unreached > 0 ? "the socket's prices never reached the times REST was asked before the run "
                    + "ended (" + o.unreached + (o.unreached == 1 ? " sample" : " samples") + "; a backlog, see keeping-up): "
                    + "nothing to compare"
                    : o.unaligned > 0 ? "the socket sent no price near the times REST was sampled"
                    : o.sampler.lastProblem() != null ? "REST gave no price: " + o.sampler.lastProblem()
                    + "; --rest-url must be the Advanced Trade REST base (" + dev.feedctl.protocol.CoinbaseHosts.REST
                    + ")"
                    : "no REST sample was taken (run longer with --duration)";
            return CheckResult.warn("rest-price", restCounts, why, refused > 0 ? "lower the REST budget "
                    + "(--rest-budget) or run again later" : null, data);
        }
        Map.Entry<String, BigDecimal> worst = o.worstBps.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow();
        data.put("max_deviation_bps", worst.getValue().doubleValue());
        data.put("limit_bps", s.maxDeviationBps());
        String evidence = compared + " time-aligned comparisons, max deviation " + Figures.bps(worst.getValue())
                + " on " + worst.getKey() + " (limit " + Figures.bps(s.maxDeviationBps()) + ")" + (o.unreached > 0 ? ", "
                + o.unreached + (o.unreached == 1 ? " later sample" : " later samples") + " not compared (REST was asked "
                + "after the socket's last judged price)"
                : "") + "; " + restCounts;
        if (worst.getValue().compareTo(BigDecimal.valueOf(s.maxDeviationBps())) > 0) {
            return CheckResult.fail("rest-price", ExitCode.VERIFICATION_FAILED, evidence, "socket and REST disagree: " + worst.getKey()
                    + " differs by " + Figures.bps(worst.getValue()), "check that both URLs point at "
                    + "the same exchange and the product ids match (aliases like BTC-USDC are mapped to BTC-USD)",
                    data);
        }
        return CheckResult.pass("rest-price", evidence, data);
    }

    /** What the price sampler last saw go wrong, or {@code otherwise} when only other REST calls failed. */
    private static String problem(Verifier.Observed o, String otherwise) {
        return o.sampler.lastProblem() != null ? o.sampler.lastProblem() : otherwise;
    }
}
