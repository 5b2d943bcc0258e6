package dev.feedctl.check;

import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.SessionCopy;
import java.time.Duration;
import java.time.Instant;

/**
 * One connection of a run as the checks judge it: its session as it was when the run ended (acknowledgements,
 * sequence and heartbeat continuity, frame sizes), how it ended, and when it began and ended on the feed clock. A
 * live verify has one; a replayed {@code tail --record} file has one per connection it recorded.
 *
 * @param id      the recorded connection number, "" when the recording does not number them (and for a live run)
 * @param shard   the recorded shard: a shard's connections follow one another, the outages lie between them
 * @param close   how it ended; null when it was open until the run (or the recording) ended
 */
record Leg(String id, String shard, SessionCopy session, Instant startedAt, CloseInfo close, Instant endedAt) {

    /** The one connection of a live run. */
    static Leg live(SessionCopy session, Instant subscribedAt, CloseInfo close, Instant endedAt) {
        return new Leg("", "", session, subscribedAt, close, endedAt);
    }

    String label() {
        return id.isEmpty() ? "the connection" : "connection " + id;
    }

    Duration lasted() {
        return Duration.between(startedAt, endedAt);
    }
}
