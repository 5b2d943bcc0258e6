package dev.feedctl.transport;

import dev.feedctl.protocol.CloseCodes;
import java.time.Duration;

/**
 * How a socket ended.
 *
 * @param byServer     true when the server closed (or the peer vanished), false when feedctl did
 * @param sinceConnect time from the finished upgrade to the close
 */
public record CloseInfo(int code, String reason, boolean byServer, Duration sinceConnect) {

    public String side() {
        return byServer ? "server" : "client";
    }

    /** The known cause of this close, or null when there is nothing more to say than code and reason. */
    public String knownCause(boolean subscribedAnything, long largestFrame, int maxMessageSize) {
        return CloseCodes.cause(code, reason, byServer, sinceConnect, subscribedAnything, largestFrame, maxMessageSize);
    }
}
