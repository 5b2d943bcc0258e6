package dev.feedctl.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exchange's observation log: every connection attempt in order ({@link ObservedConnection}). Kept only when a
 * caller asks for it ({@link ExchangeSimulator#observe}): a long-running simulator would otherwise grow it forever.
 * Watchers wait for the next change instead of polling.
 */
public final class ConnectionLog {

    /** Headers that carry credentials: never kept. */
    private static final List<String> SECRET_HEADERS = List.of("authorization", "cookie", "proxy-authorization");

    private final Clock clock;
    private final List<ObservedConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Object changes = new Object();
    private long version;

    ConnectionLog(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Every attempt so far, oldest first. */
    public List<ObservedConnection> connections() {
        return List.copyOf(connections);
    }

    /** The number of changes so far; pass it to {@link #awaitChange} to wait for the next one. */
    public long version() {
        synchronized (changes) {
            return version;
        }
    }

    /** Waits until something changed after {@code seen}, or {@code max} passed. */
    public void awaitChange(long seen, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (changes) {
            long left;
            while (version == seen && (left = end - System.nanoTime()) > 0) {
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Wakes watchers: something outside the log changed what they wait for (a child process ended). */
    public void changed() {
        synchronized (changes) {
            version++;
            changes.notifyAll();
        }
    }

    ObservedConnection attempt(String path, Iterable<Map.Entry<String, String>> headers) {
        Map<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!SECRET_HEADERS.contains(name)) {
                kept.put(name, h.getValue());
            }
        }
        ObservedConnection c = new ObservedConnection(this, ids.incrementAndGet(), clock.instant(), path, kept);
        connections.add(c);
        changed();
        return c;
    }
}
