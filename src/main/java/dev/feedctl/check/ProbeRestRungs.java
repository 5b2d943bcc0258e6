package dev.feedctl.check;

import dev.feedctl.protocol.CoinbaseHosts;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.RestClient;
import dev.feedctl.units.Notation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Probe's REST rungs ({@link Prober#REST_RUNGS}); rest-price compares with the socket's prices of the window. */
final class ProbeRestRungs {

    private final CheckSettings s;
    private final Clock clock;
    private final RestClient rest;
    private final PriceHistory history;
    private final boolean tickerSeen;

    ProbeRestRungs(CheckSettings s, Clock clock, RestClient rest, PriceHistory history, boolean tickerSeen) {
        this.s = s;
        this.clock = clock;
        this.rest = rest;
        this.history = history;
        this.tickerSeen = tickerSeen;
    }

    void addTo(List<CheckResult> rungs) throws InterruptedException {
        long deadline = System.nanoTime() + s.connect().timeout().toNanos();
        long t = System.nanoTime();
        Instant before = clock.instant();
        RestClient.Reply time = rest.time(deadline);
        Instant after = clock.instant();
        if (time.status() == 429) { // it answers: reachable, but this client is over its rate limit
            rungs.add(CheckResult.warn("rest-reachable", s.rest() + ": " + RestSampler.describe(time),
                    "REST answered 429 (rate limited) to every try within "
                            + Notation.duration(s.connect().timeout()) + (time.retryAfter() == null ? "" : "; Retry-After: " + time.retryAfter()),
                    "wait, then probe again; lower --rest-budget", Map.of()).timed(Prober.ms(t)));
            rungs.add(CheckResult.skip("rest-price", "REST rate-limited"));
            rungs.add(CheckResult.skip("clock-skew", "REST rate-limited"));
            return;
        }
        if (!time.ok()) {
            rungs.add(CheckResult.fail("rest-reachable", ExitCode.CONNECTION, s.rest() + ": " + RestSampler.describe(time),
                    time.status() == 0 ? "the REST API did not answer GET /api/v3/brokerage/time"
                            : "GET /api/v3/brokerage/time answered " + RestSampler.describe(time),
                    time.status() == 429 ? "rate-limited: wait and retry" : time.status() == 0
                            ? "check --rest-url and the network" : "--rest-url must be the Advanced Trade REST base ("
                            + CoinbaseHosts.REST + ")", Map.of())
                    .timed(Prober.ms(t)));
            rungs.add(CheckResult.skip("rest-price", "REST not reachable"));
            rungs.add(CheckResult.skip("clock-skew", "REST not reachable"));
            return;
        }
        rungs.add(CheckResult.pass("rest-reachable", "GET /time answered 200 from " + s.rest(), Map.of())
                .timed(Prober.ms(t)));
        long local = (before.toEpochMilli() + after.toEpochMilli()) / 2;
        Long exchange = RestClient.epochMillis(time.json());
        long t2 = System.nanoTime();
        rungs.add(restPrice(deadline).timed(Prober.ms(t2)));
        rungs.add(exchange == null ? CheckResult.skip("clock-skew", "GET /time answered without a whole-number "
                + "epochMillis: the skew cannot be measured")
                : clockSkew(exchange - local, s.key() != null));
    }

    private CheckResult restPrice(long deadline) throws InterruptedException {
        if (!Verifier.isPriced(s.channels())) {
            return CheckResult.skip("rest-price", "no ticker channel to compare with");
        }
        String product = ProductIds.canonical(s.products().get(0));
        RestClient.Reply r = rest.product(product, deadline);
        BigDecimal price = r.ok() ? RestSampler.decimal(r.json().get("price")) : null;
        if (price == null) {
            return CheckResult.warn("rest-price", RestSampler.describe(r), "no REST price to compare"
                    + (r.status() == 429 ? ": rate-limited (429)" : ""), null, Map.of());
        }
        if (!tickerSeen) {
            return CheckResult.skip("rest-price", "REST price " + price + ", but the socket sent no ticker price");
        }
        Instant now = clock.instant();
        BigDecimal bps = history.closestBps(product, price, now.minus(PriceHistory.KEEP), now);
        if (bps == null) {
            return CheckResult.skip("rest-price", "REST price " + price + ", no socket price for " + product);
        }
        String evidence = product + " REST " + price + ", socket within " + Notation.bps(bps) + " (limit "
                + Notation.bps(s.maxDeviationBps()) + ")";
        return bps.compareTo(BigDecimal.valueOf(s.maxDeviationBps())) > 0
                ? CheckResult.fail("rest-price", ExitCode.VERIFICATION_FAILED, evidence, "socket and REST disagree by "
                + Notation.bps(bps), "check that both URLs point at the same exchange", Map.of("bps", bps.doubleValue()))
                : CheckResult.pass("rest-price", evidence, Map.of("bps", bps.doubleValue()));
    }

    static CheckResult clockSkew(long skewMillis, boolean withKey) {
        long abs = Math.abs(skewMillis);
        String evidence = "this machine is " + Notation.duration(Duration.ofMillis(abs)) + " "
                + (skewMillis > 0 ? "behind" : "ahead of")
                + " the exchange clock";
        if (abs > 30_000) {
            return CheckResult.fail("clock-skew", withKey ? ExitCode.AUTH : ExitCode.VERIFICATION_FAILED, evidence, "clock skew " + Math.round(abs / 1000.0)
                    + " s: JWTs (valid 120 s) will be rejected", "fix this machine's clock (NTP)", Map.of("skew_ms",
                    skewMillis));
        }
        if (abs > 2_000) {
            return CheckResult.warn("clock-skew", evidence, "clock skew " + Math.round(abs / 1000.0) + " s",
                    "sync the clock (NTP) before it breaks JWT auth", Map.of("skew_ms", skewMillis));
        }
        return CheckResult.pass("clock-skew", evidence, Map.of("skew_ms", skewMillis));
    }
}
