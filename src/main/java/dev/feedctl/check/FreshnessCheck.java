package dev.feedctl.check;

import dev.feedctl.units.Figures;
import com.google.gson.JsonArray;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.RestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No product staler than --max-staleness; and for a silent product, quiet market (WARN) versus dead feed (FAIL),
 * told apart by asking REST whether the product traded after the socket's last update.
 */
final class FreshnessCheck {

    private static final Duration REST_ANSWER = Duration.ofSeconds(2);

    private final CheckSettings s;
    private final Verifier.Observed o;

    FreshnessCheck(CheckSettings s, Verifier.Observed o) {
        this.s = s;
        this.o = o;
    }

    /**
     * The staleness limit this subscription can meet: --max-staleness, but never below ticker_batch's 5 s cadence
     * (plus a second) when that is the only product stream; null when no channel streams products at all.
     */
    private Duration limit() {
        if (s.streamsProducts()) {
            return s.maxStaleness();
        }
        if (s.onlyTickerBatch()) {
            Duration cadence = CheckSettings.TICKER_BATCH_EVERY.plusSeconds(1);
            return cadence.compareTo(s.maxStaleness()) > 0 ? cadence : s.maxStaleness();
        }
        return null;
    }

    CheckResult check() throws InterruptedException {
        Duration limit = limit();
        if (limit == null) {
            return CheckResult.skip("freshness", "no subscribed channel streams product updates (status, user and "
                    + "futures_balance_summary send snapshots and changes only)");
        }
        FrameLedger ev = o.session.ledger();
        Instant end = o.endedAt;
        Map<String, Object> ages = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String p : s.products().stream().map(ProductIds::canonical).distinct().toList()) {
            Duration age = ev.ages().ageOf(p);
            if (age == null) {
                continue;
            }
            ages.put(p, age.toMillis());
            if (age.compareTo(limit) > 0) {
                stale.add(p);
            }
        }
        String evidence = "age of the last update per product: " + Figures.byName(ages.entrySet().stream().collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Duration.ofMillis((Long) e.getValue()))))
                + ", limit " + Figures.duration(limit);
        if (stale.isEmpty()) {
            return CheckResult.pass("freshness", evidence, ages);
        }
        boolean heartbeatsAlive = ev.heartbeats().lastSeen() != null
                && Duration.between(ev.heartbeats().lastSeen(), end).compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL)
                <= 0;
        List<String> dead = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String p : stale) {
            Instant lastSocket = end.minusMillis((Long) ages.get(p));
            Instant lastTrade = o.rest == null ? null : lastRestTrade(p);
            if (lastTrade == null) {
                unknown.add(p);
            } else if (lastTrade.isAfter(lastSocket.plusSeconds(1))) {
                dead.add(p + " (REST shows a trade " + Figures.duration(Duration.between(lastSocket, lastTrade))
                        + " newer than the socket's last update; socket silent for "
                        + Figures.duration(Duration.ofMillis((Long) ages.get(p))) + ")");
            } else {
                quiet.add(p);
            }
        }
        String alive = heartbeatsAlive ? "heartbeats alive, data dead" : "silent: not even heartbeats arrive";
        if (!dead.isEmpty()) {
            return CheckResult.fail("freshness", ExitCode.VERIFICATION_FAILED, evidence, alive + ": the market trades but the socket stopped "
                    + "sending " + String.join("; ", dead), "the subscription for these products is dead; resubscribe or reconnect, "
                    + "and alarm on per-product staleness", ages);
        }
        if (!unknown.isEmpty()) {
            return CheckResult.fail("freshness", ExitCode.VERIFICATION_FAILED, evidence, "stale beyond the limit: " + Figures.names(unknown) + "; REST could "
                    + "not say whether they traded (" + (o.sampler == null ? "a replay does not consult REST"
                    : o.sampler.lastProblem() != null ? o.sampler.lastProblem()
                    : "its ticker answered without trades for them") + ")", null, ages);
        }
        return CheckResult.warn("freshness", evidence, "quiet market: " + Figures.names(quiet) + " had no trades on REST either",
                "not a feed failure; raise --max-staleness for quiet products", ages);
    }

    private Instant lastRestTrade(String product) throws InterruptedException {
        RestClient.Reply r = o.rest.productTicker(product, System.nanoTime() + REST_ANSWER.toNanos());
        if (!r.ok() || !(r.json().get("trades") instanceof JsonArray trades) || trades.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(trades.get(0).getAsJsonObject().get("time").getAsString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
