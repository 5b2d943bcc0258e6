package dev.feedctl.exam;

import dev.feedctl.check.CheckResult;
import dev.feedctl.check.ExitCode;
import dev.feedctl.sim.ObservedConnection;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lesson {@code refuse-429}: the connection drops, and the exchange answers the reconnects with 429 and
 * Retry-After. PASS: every retry waited the Retry-After, and the client got back in and resubscribed; WARN: growing
 * delays that ignored Retry-After; FAIL: a reconnect storm, or the client gave up.
 */
final class RetryGrading {

    static final String NAME = "refuse-429";

    private RetryGrading() {
    }

    static void arm(ExamRun run) {
        run.sim.setUpgradeGate(new RefusalGate(run.limits()));
        run.sim.dropAll();
    }

    static CheckResult grade(ExamRun run) throws InterruptedException {
        ObservedConnection target = run.target;
        Set<SubscribeReading.Subscription> wanted = SubscribeReading.of(target, null).subscriptions;
        Resubscription back;
        try {
            back = run.await(cs -> Resubscription.find(cs, target, wanted),
                    run.armedAt.plus(run.settings.lessonTimeout()));
        } finally {
            run.sim.setUpgradeGate(null);
        }
        List<ObservedConnection> attempts = attempts(run.log.connections(), target);
        List<Duration> waits = waits(attempts);
        long refused = attempts.stream().filter(c -> !c.admitted()).count();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempts", attempts.size());
        data.put("refused", refused);
        data.put("waits_after_429_ms", waits.stream().map(Duration::toMillis).toList());
        int retryAfter = run.limits().retryAfterSeconds();
        String evidence = "dropped at " + run.at(run.armedAt) + "; " + attempts.size() + " attempt"
                + (attempts.size() == 1 ? "" : "s") + ", " + refused + " refused with 429 (Retry-After: " + retryAfter
                + ")" + (waits.isEmpty() ? "" : "; waits after a 429: " + words(waits))
                + (back == null ? "" : "; back in and resubscribed at " + run.at(back.complete()));
        int storm = busiestWindow(attempts, run.limits().stormWindow());
        data.put("most_attempts_in_window", storm);
        if (storm > run.limits().stormAttempts()) {
            return fail(evidence, "a reconnect storm: " + storm + " attempts within " + Notation.duration(
                    run.limits().stormWindow()) + "; against a rate limit this keeps the client locked out and "
                    + "loads the exchange for everyone", "after a 429 wait at least its Retry-After; grow the wait "
                    + "between failed attempts (exponential backoff with jitter)", data);
        }
        if (back == null) {
            return gaveUp(run, attempts, refused, evidence, data);
        }
        return judgeWaits(waits, retryAfter, evidence, data);
    }

    /** Back in: PASS when every wait honoured Retry-After; WARN when it backed off without it, or did not. */
    private static CheckResult judgeWaits(List<Duration> waits, int retryAfter, String evidence,
                                          Map<String, Object> data) {
        if (waits.stream().allMatch(w -> w.getSeconds() >= retryAfter)) {
            return CheckResult.pass(NAME, evidence, data);
        }
        String fix = "read Retry-After from the 429 response and wait at least that long before the next attempt";
        if (growing(waits)) {
            return CheckResult.warn(NAME, evidence, "backed off, but retried sooner than the Retry-After of "
                    + retryAfter + " s", fix, data);
        }
        return CheckResult.warn(NAME, evidence, "retried sooner than the Retry-After of " + retryAfter
                + " s, without growing the wait", fix + "; grow the wait between failed attempts", data);
    }

    private static CheckResult gaveUp(ExamRun run, List<ObservedConnection> attempts, long refused, String evidence,
                                      Map<String, Object> data) {
        if (run.interrupted()) {
            return CheckResult.skip(NAME, "interrupted");
        }
        if (run.exited() != null) {
            return fail(evidence, run.exitWords("after " + (refused == 0 ? "the drop" : "a 429 refusal")),
                    "keep retrying (with backoff) instead of exiting", data);
        }
        if (attempts.stream().anyMatch(ObservedConnection::admitted)) {
            return fail(evidence, "got back in but did not subscribe again to everything",
                    "send every subscribe message again on each new connection", data);
        }
        run.gone = true;
        return fail(evidence, attempts.isEmpty() ? "gave up: no reconnect attempt after the drop"
                : "gave up after " + refused + " refused attempt" + (refused == 1 ? "" : "s"),
                "treat 429 as temporary: wait the Retry-After, then try again, as long as the client runs", data);
    }

    /** Upgrades after the drop, up to and including the first one let in. */
    static List<ObservedConnection> attempts(List<ObservedConnection> all, ObservedConnection target) {
        List<ObservedConnection> out = new ArrayList<>();
        for (ObservedConnection c : all) {
            if (c.id() > target.id()) {
                out.add(c);
                if (c.admitted()) {
                    break;
                }
            }
        }
        return out;
    }

    /** The time from each refusal to the attempt after it. */
    static List<Duration> waits(List<ObservedConnection> attempts) {
        List<Duration> out = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            if (!attempts.get(i - 1).admitted()) {
                out.add(Duration.between(attempts.get(i - 1).upgradeAt(), attempts.get(i).upgradeAt()));
            }
        }
        return out;
    }

    /** The most attempts that fall within any one window. */
    static int busiestWindow(List<ObservedConnection> attempts, Duration window) {
        int most = 0;
        for (int i = 0; i < attempts.size(); i++) {
            int n = 0;
            for (int j = i; j < attempts.size()
                    && attempts.get(j).upgradeAt().isBefore(attempts.get(i).upgradeAt().plus(window)); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    /** Backing off: at least two waits, the later half longer on average than the earlier half. */
    static boolean growing(List<Duration> waits) {
        if (waits.size() < 2) {
            return false;
        }
        int half = waits.size() / 2;
        double early = waits.subList(0, half).stream().mapToLong(Duration::toMillis).average().orElse(0);
        double late = waits.subList(waits.size() - half, waits.size()).stream().mapToLong(Duration::toMillis)
                .average().orElse(0);
        return late > early * 1.2;
    }

    private static String words(List<Duration> waits) {
        List<String> w = new ArrayList<>();
        waits.forEach(d -> w.add(Notation.duration(d)));
        return String.join(", ", w);
    }

    private static CheckResult fail(String evidence, String cause, String fix, Map<String, Object> data) {
        return CheckResult.fail(NAME, ExitCode.VERIFICATION_FAILED, evidence, cause, fix, data);
    }
}
