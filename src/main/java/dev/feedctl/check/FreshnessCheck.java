package dev.feedctl.check;

import dev.feedctl.units.Notation;
import dev.feedctl.protocol.LastTrade;
import dev.feedctl.protocol.LedgerCopy;
import dev.feedctl.protocol.ProductIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No product staler than --max-staleness; and for a silent product, quiet market (WARN) versus dead feed (FAIL),
 * told apart by asking REST whether the product traded after the socket's last update, both on the exchange's clock
 * ({@link LastTrade}, the rule tail uses too).
 */
record FreshnessCheck(CheckSettings s, Evidence o) {

    private static final Duration REST_ANSWER = Duration.ofSeconds(2);

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
        LedgerCopy ev = o.ledger();
        Map<String, Object> ages = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        for (String p : s.products().stream().map(ProductIds::canonical).distinct().toList()) {
            Duration age = ev.ages().ageAt(p, o.timing().endedAt()); // at the run's end: nothing can arrive after it
            if (age == null) {
                continue;
            }
            if (age.compareTo(limit) > 0) {
                stale.add(p);
            } else if (ev.ages().updatesOf(p) == 0) {
                notYet.add(p); // silent so far, but not for longer than the limit: neither fresh nor stale
                continue;
            }
            ages.put(p, age.toMillis());
        }
        if (ages.isEmpty() && !notYet.isEmpty()) {
            return CheckResult.skip("freshness", "no update arrived yet for " + String.join(", ", notYet) + ", and "
                    + "the run was shorter than the limit (" + Notation.duration(limit) + "): no age to judge");
        }
        if (ages.isEmpty()) {
            return CheckResult.skip("freshness", "no product to judge: " + (s.products().isEmpty()
                    ? "none was subscribed, and no data frame named one" : "none of " + String.join(", ",
                    s.products()) + " was tracked"));
        }
        String evidence = "age of the last update per product: " + Notation.byName(ages.entrySet().stream().collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Duration.ofMillis((Long) e.getValue()))))
                + "; limit " + Notation.duration(limit)
                + (notYet.isEmpty() ? "" : "; no update yet for " + String.join(", ", notYet) + " (not yet stale)");
        if (stale.isEmpty()) {
            return CheckResult.pass("freshness", evidence, ages);
        }
        return staleVerdict(ev, evidence, ages, stale);
    }

    /**
     * Dead or quiet, by {@link LastTrade#showsTradeAfter}: the socket's last update by its exchange timestamp against
     * REST's last trade, both on the exchange's clock, so this machine's clock never decides.
     */
    private CheckResult staleVerdict(LedgerCopy ev, String evidence, Map<String, Object> ages, List<String> stale)
            throws InterruptedException {
        Instant lastHeartbeat = ev.heartbeats().lastSeen();
        boolean heartbeatsAlive = lastHeartbeat != null && Duration.between(lastHeartbeat, o.timing().endedAt())
                .compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) <= 0;
        List<String> dead = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String p : stale) {
            Instant socketLast = socketLastOnExchangeClock(ev, p, (Long) ages.get(p));
            LastTrade rest = o.rest() == null || socketLast == null ? null
                    : o.rest().lastTrades().of(p, System.nanoTime() + REST_ANSWER.toNanos());
            if (rest == null) {
                unknown.add(p);
            } else if (rest.showsTradeAfter(socketLast)) {
                dead.add(p + " (REST shows a trade " + Notation.duration(rest.newerThan(socketLast)) + " newer than the "
                        + "socket's last update, both by the exchange's clock; socket silent for "
                        + Notation.duration(Duration.ofMillis((Long) ages.get(p))) + ")");
            } else {
                quiet.add(p);
            }
        }
        String alive = heartbeatsAlive ? "heartbeats alive, data dead" : "silent: not even heartbeats arrive";
        if (!dead.isEmpty()) {
            return CheckResult.fail("freshness", ExitCode.VERIFICATION_FAILED, evidence, alive + ": the market trades "
                    + "but the socket stopped sending " + String.join("; ", dead), "the subscription for these "
                    + "products is dead; resubscribe or reconnect, and alarm on per-product staleness", ages);
        }
        if (!unknown.isEmpty()) {
            return CheckResult.fail("freshness", ExitCode.VERIFICATION_FAILED, evidence, "stale beyond the limit: "
                    + Notation.names(unknown) + "; REST could not say whether they traded (" + whyUnknown(ev,
                    unknown) + ")", null, ages);
        }
        return CheckResult.warn("freshness", evidence, "quiet market: " + Notation.names(quiet) + " had no "
                + "trades on REST after the socket's last update either", "not a feed failure; raise "
                + "--max-staleness for quiet products", ages);
    }

    /**
     * The socket's last update of {@code product} on the exchange's clock: its frame's timestamp; failing that (no
     * timestamp), its receipt moved onto the exchange's clock by the skew REST's /time measured; null when neither.
     */
    private Instant socketLastOnExchangeClock(LedgerCopy ev, String product, long ageMillis) {
        Instant stamped = ev.ages().lastExchangeTime(product);
        if (stamped != null) {
            return stamped;
        }
        Long skew = o.rest() == null ? null : o.rest().skewMillis();
        return skew == null ? null : o.timing().endedAt().minusMillis(ageMillis).plusMillis(skew);
    }

    private String whyUnknown(LedgerCopy ev, List<String> unknown) {
        if (o.rest() == null) {
            return "a replay does not consult REST";
        }
        if (o.rest().skewMillis() == null && unknown.stream().anyMatch(p -> ev.ages().lastExchangeTime(p) == null)) {
            return "the socket sent no exchange timestamp for them, and REST's /time did not answer to measure the "
                    + "exchange's clock";
        }
        return o.rest().problem() != null ? o.rest().problem()
                : "its ticker did not answer with a list of trades";
    }
}
