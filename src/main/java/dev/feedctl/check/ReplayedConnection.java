package dev.feedctl.check;

import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RecordedConnection;
import dev.feedctl.transport.SessionCopy;
import dev.feedctl.transport.Recording;
import java.time.Instant;

/** A connection of a recording while the {@link Replayer} plays it: the tape its session reads, and how far it got. */
final class ReplayedConnection {

    final String id;
    final String shard;
    final FeedSession session;
    final Instant startedAt;
    final RecordedConnection tape;
    CloseInfo close;
    Instant endedAt;

    ReplayedConnection(Recording.Line first, FeedSession session, Instant startedAt, RecordedConnection tape) {
        this.id = first.connection();
        this.shard = first.shard();
        this.session = session;
        this.startedAt = startedAt;
        this.tape = tape;
    }

    /** The connection as the checks judge it: open until {@code recordingEnded} unless it closed. */
    Leg leg(Instant recordingEnded) {
        return new Leg(id, shard, SessionCopy.of(session), startedAt, close,
                endedAt == null ? recordingEnded : endedAt);
    }
}
