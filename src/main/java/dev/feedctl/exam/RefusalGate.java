package dev.feedctl.exam;

import dev.feedctl.sim.ObservedConnection;
import dev.feedctl.sim.UpgradeGate;
import java.time.Duration;
import java.time.Instant;

/**
 * refuse-429's gate: every upgrade is answered with 429 and Retry-After until the client has once waited at least
 * the Retry-After since the previous refusal, or has been refused {@code maxRefusals} times; then it is let in.
 */
final class RefusalGate implements UpgradeGate {

    private final Duration retryAfter;
    private final int maxRefusals;
    private int refusals;
    private Instant lastRefusal;
    private boolean open;

    RefusalGate(ExamSettings.Thresholds limits) {
        this.retryAfter = limits.retryAfter();
        this.maxRefusals = limits.maxRefusals();
    }

    @Override
    public synchronized Refusal decide(ObservedConnection attempt) {
        if (open || refusals >= maxRefusals
                || lastRefusal != null && !attempt.upgradeAt().isBefore(lastRefusal.plus(retryAfter))) {
            open = true;
            return null;
        }
        refusals++;
        lastRefusal = attempt.upgradeAt();
        return new Refusal(429, (int) retryAfter.toSeconds());
    }
}
