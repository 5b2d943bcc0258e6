package dev.feedctl.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (a uniformly random wait between zero and the ceiling, the ceiling doubling per
 * attempt from {@link #BASE} up to {@link #CAP}), reset once a connection has stayed healthy for {@link #HEALTHY}.
 * A server's Retry-After is a floor: feedctl never comes back sooner than it was asked to.
 */
public final class Backoff {

    public static final Duration BASE = Duration.ofMillis(250);
    public static final Duration CAP = Duration.ofSeconds(30);
    public static final Duration HEALTHY = Duration.ofSeconds(60);

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;
    private int attempt;

    /** @param random uniform in [0, 1): tests pass a fixed sequence, feedctl passes a real generator */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    public static Backoff standard() {
        java.util.Random r = new java.util.Random();
        return new Backoff(BASE, CAP, r::nextDouble);
    }

    /** The ceiling of the next wait: base × 2^attempt, at most the cap. */
    public Duration ceiling() {
        long b = base.toNanos();
        long c = cap.toNanos();
        return Duration.ofNanos(attempt >= 40 || b << attempt > c || b << attempt <= 0 ? c : b << attempt);
    }

    /** The wait before the next attempt; {@code retryAfter} (null for none) is honoured as a minimum. */
    public Duration next(Duration retryAfter) {
        Duration jittered = Duration.ofNanos((long) (random.getAsDouble() * ceiling().toNanos()));
        attempt++;
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    /** A connection was healthy for {@code d}: after {@link #HEALTHY} the next outage starts from the base again. */
    public void healthyFor(Duration d) {
        if (d.compareTo(HEALTHY) >= 0) {
            attempt = 0;
        }
    }

    public int attempt() {
        return attempt;
    }
}
