package dev.feedctl.transport;

import dev.feedctl.protocol.Frame;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.util.List;

/**
 * What happened on one subscribed connection, typed: the one vocabulary {@code subscribe}, {@code verify},
 * {@code probe} and the long-running {@link FeedEngine} share ({@link FeedLoop} produces it).
 */
public sealed interface FeedEvent {

    /** The frame this event is about; null for acknowledgements, closes and stalls. */
    default FeedSession.Received frame() {
        return null;
    }

    /** A frame: data, heartbeats, acknowledgements, and frames that break the protocol (see its violations). */
    record Data(FeedSession.Received frame) implements FeedEvent {
    }

    /** A subscribe was acknowledged {@code after} it was sent. Comes after the frame that acknowledged it. */
    record Acknowledged(String channel, Duration after) implements FeedEvent {
    }

    /** {@code {"type":"error"}} from the server. */
    record ServerError(FeedSession.Received frame, Frame.Error error) implements FeedEvent {
    }

    /** A frame of another Coinbase feed: the endpoint speaks a different protocol. */
    record ForeignFormat(FeedSession.Received frame, Frame.Foreign foreign) implements FeedEvent {
    }

    /** The socket ended. */
    record Closed(CloseInfo close) implements FeedEvent {
    }

    /**
     * The connection is open but something it owes has not come for {@code silentFor} (on the feed clock, so
     * feedctl's own backlog never counts). Reported once per kind.
     */
    record Stalled(Kind kind, Duration silentFor, List<String> channels) implements FeedEvent {

        public enum Kind {
            /** A subscribe was not acknowledged in time. */
            NO_ACK,
            /** Heartbeats are subscribed and acknowledged, and none came. */
            NO_HEARTBEAT,
            /** No frame at all. */
            SILENT
        }

        /** The cause, in words. */
        public String describe() {
            return switch (kind) {
                case NO_ACK -> "no subscriptions acknowledgement for " + Notation.names(channels) + " within "
                        + Notation.duration(silentFor);
                case NO_HEARTBEAT -> "no heartbeat for " + Notation.duration(silentFor)
                        + " (the server sends one every second)";
                case SILENT -> "no frame at all for " + Notation.duration(silentFor) + " on an open socket";
            };
        }
    }
}
