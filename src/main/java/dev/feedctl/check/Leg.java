package dev.feedctl.check;

import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedSession;
import java.time.Duration;
import java.time.Instant;

/**
 * One connection of a run as the checks judge it: its session (acknowledgements, sequence and heartbeat
 * continuity), how it ended, and when it began and ended on the feed clock. A live verify has one; a replayed
 * {@code tail --record} file has one per connection it recorded.
 */
final class Leg {

    /** The recorded connection number, "" when the recording does not number them (and for a live run). */
    final String id;
    /** The recorded shard: a shard's connections follow one another, the outages lie between them. */
    final String shard;
    final FeedSession session;
    final Instant startedAt;
    /** How it ended; null when it was open until the run (or the recording) ended. */
    CloseInfo close;
    Instant endedAt;

    Leg(String id, String shard, FeedSession session, Instant startedAt) {
        this.id = id;
        this.shard = shard;
        this.session = session;
        this.startedAt = startedAt;
    }

    /** The one connection of a live run. */
    static Leg live(FeedSession session, Instant subscribedAt, CloseInfo close, Instant endedAt) {
        Leg leg = new Leg("", "", session, subscribedAt);
        leg.close = close;
        leg.endedAt = endedAt;
        return leg;
    }

    String label() {
        return id.isEmpty() ? "the connection" : "connection " + id;
    }

    Duration lasted() {
        return Duration.between(startedAt, endedAt);
    }
}
