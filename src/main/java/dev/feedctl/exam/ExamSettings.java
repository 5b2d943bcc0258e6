package dev.feedctl.exam;

import dev.feedctl.sim.SimConfig;
import java.time.Duration;
import java.util.List;

/**
 * One exam: which lessons, how long each may take, what the client's JWTs must be signed with, which products it must
 * subscribe to, and the thresholds of the grading.
 *
 * @param products   products the client must subscribe to; empty: whatever it subscribes, each well formed
 * @param trustKey   the key the client's JWTs must be signed with; null: signatures are not checked
 */
public record ExamSettings(List<String> lessons, Duration lessonTimeout, SimConfig.TrustedKey trustKey,
                           List<String> products, Thresholds thresholds) {

    public ExamSettings {
        lessons = List.copyOf(lessons);
        products = List.copyOf(products);
    }

    /**
     * The grading's thresholds: the product's judgement of what Coinbase does and what a client must do. The help
     * text and README say why each one is what it is (see {@link Lessons#TABLE}).
     *
     * @param subscribeWithin  Coinbase closes a connection that has not subscribed within 5 s of opening
     * @param settleAfter      a subscription is taken as complete once the client has been quiet this long
     * @param dataBeforeFault  a fault is armed only once the client has received data this long
     * @param passWithin       a reconnect (with every subscription back) this quick is a PASS; slower is a WARN
     * @param retryAfter       the Retry-After of the refusals in refuse-429
     * @param maxRefusals      after this many refused attempts the client is let in anyway
     * @param stormAttempts    more attempts than this within {@code stormWindow} is a reconnect storm
     * @param stormWindow      see {@code stormAttempts}
     * @param budget           added to lessons x lesson timeout for the whole run (start, stop, reports)
     */
    public record Thresholds(Duration subscribeWithin, Duration settleAfter, Duration dataBeforeFault,
                             Duration passWithin, int retryAfterSeconds, int maxRefusals, int stormAttempts,
                             Duration stormWindow, Duration budget) {

        public static final Thresholds COINBASE = new Thresholds(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(10), 3, 10, 5, Duration.ofSeconds(3),
                Duration.ofSeconds(30));

        public Duration retryAfter() {
            return Duration.ofSeconds(retryAfterSeconds);
        }

        /** The same thresholds with another PASS limit for reconnects (tests of the WARN path). */
        public Thresholds withPassWithin(Duration d) {
            return new Thresholds(subscribeWithin, settleAfter, dataBeforeFault, d, retryAfterSeconds, maxRefusals,
                    stormAttempts, stormWindow, budget);
        }
    }

    /** The whole run's bound: lessons x lesson timeout, plus the budget for starting and stopping. */
    public Duration bound() {
        return lessonTimeout.multipliedBy(lessons.size()).plus(thresholds.budget());
    }
}
