package dev.feedctl.protocol;

import java.time.Duration;
import java.time.Instant;

/** Checks that {@code heartbeat_counter} steps by one and that heartbeats keep arriving about once a second. */
public final class HeartbeatTracker {

    private long count;
    private long lastCounter = -1;
    private long breaks;
    private Instant lastSeen;
    private Instant firstSeen;
    private Duration longestInterval = Duration.ZERO;

    public void observe(long counter, Instant receivedAt) {
        count++;
        if (lastCounter >= 0 && counter != lastCounter + 1) {
            breaks++;
        }
        lastCounter = counter;
        if (lastSeen != null) {
            Duration interval = Duration.between(lastSeen, receivedAt);
            if (interval.compareTo(longestInterval) > 0) {
                longestInterval = interval;
            }
        } else {
            firstSeen = receivedAt;
        }
        lastSeen = receivedAt;
    }

    /**
     * What the heartbeats showed so far, read together by the checks.
     *
     * @param breaks    times the counter did not step by exactly one
     * @param firstSeen null before any heartbeat, like {@code lastSeen}
     */
    public record Seen(long count, long breaks, Duration longestInterval, Instant firstSeen, Instant lastSeen) {

        /** The longest silence, counting the time since the last heartbeat up to {@code now}. */
        public Duration longestSilence(Instant now) {
            if (lastSeen == null) {
                return Duration.ZERO;
            }
            Duration sinceLast = Duration.between(lastSeen, now);
            return sinceLast.compareTo(longestInterval) > 0 ? sinceLast : longestInterval;
        }
    }

    public Seen seen() {
        return new Seen(count, breaks, longestInterval, firstSeen, lastSeen);
    }
}
