package dev.feedctl.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the monitor knows per shard between scrapes: connected or not and why, when its outage began, the downtime of
 * the outages that ended, and its last heartbeat. Written by the shard threads, read by scrapes and /healthz.
 */
final class ShardStates {

    /** One shard as a scrape sees it. */
    record View(int shard, boolean connected, String lastCause, double downtimeSeconds, double heartbeatAgeSeconds) {
    }

    private final Clock clock;
    private final boolean heartbeats;
    private final boolean[] connected;
    private final boolean[] down;
    private final String[] lastCause;
    private final Instant[] downSince;
    private final long[] downtimeNanos;
    private final Instant[] lastHeartbeat;

    ShardStates(int shards, boolean heartbeats, Clock clock) {
        this.clock = clock;
        this.heartbeats = heartbeats;
        connected = new boolean[shards];
        down = new boolean[shards];
        lastCause = new String[shards];
        downSince = new Instant[shards];
        downtimeNanos = new long[shards];
        lastHeartbeat = new Instant[shards];
        Instant now = clock.instant();
        java.util.Arrays.fill(lastHeartbeat, now); // a shard that never heard one ages from the start
        java.util.Arrays.fill(lastCause, "connecting");
    }

    int size() {
        return connected.length;
    }

    synchronized void connected(int shard) {
        if (down[shard]) {
            downtimeNanos[shard] += Duration.between(downSince[shard], clock.instant()).toNanos();
            down[shard] = false;
        }
        connected[shard] = true;
        lastCause[shard] = null;
    }

    /** Returns true when this begins an outage (the shard was up or still connecting the first time). */
    synchronized boolean down(int shard, String cause) {
        connected[shard] = false;
        lastCause[shard] = cause;
        if (down[shard]) {
            return false;
        }
        down[shard] = true;
        downSince[shard] = clock.instant();
        return true;
    }

    synchronized void heartbeat(int shard, Instant at) {
        lastHeartbeat[shard] = at;
    }

    synchronized View view(int shard) {
        Instant now = clock.instant();
        long downtime = downtimeNanos[shard] + (down[shard] ? Duration.between(downSince[shard], now).toNanos() : 0);
        double hb = heartbeats ? Math.max(0, Duration.between(lastHeartbeat[shard], now).toNanos()) / 1e9 : Double.NaN;
        return new View(shard, connected[shard], lastCause[shard], downtime / 1e9, hb);
    }
}
