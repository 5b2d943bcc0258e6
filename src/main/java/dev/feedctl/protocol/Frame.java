package dev.feedctl.protocol;

import java.time.Instant;
import java.util.List;

/** A frame received from the server, as far as it could be understood. */
public sealed interface Frame {

    /**
     * An Advanced Trade data frame. Fields the server left out or sent malformed are null;
     * the validator's violations say which.
     */
    record Data(String channel, String clientId, Instant timestamp, Long sequenceNum, List<Event> events)
            implements Frame {

        /** The channel name used to subscribe: {@code l2_data} arrives for a {@code level2} subscription. */
        public String subscribeName() {
            return Channels.subscribeNameOf(channel);
        }
    }

    /** {@code {"type":"error","message":…}}; {@code reason} is the legacy Exchange addition. */
    record Error(String message, String reason) implements Frame {

        /** Server words, printable: they reach terminals and reports. */
        public Error {
            message = NetworkText.text(message);
            reason = NetworkText.text(reason);
        }
    }

    /** A frame from another Coinbase feed (legacy Exchange, INTX, derivatives): the endpoint is wrong. */
    record Foreign(FeedFamily family, String type) implements Frame {
    }

    /** What is no frame of any Coinbase feed: not JSON, not an object, an object of unknown shape, or binary. */
    record Unreadable(Problem problem) implements Frame {

        public enum Problem { NOT_JSON, NOT_OBJECT, UNKNOWN_SHAPE, BINARY }
    }
}
