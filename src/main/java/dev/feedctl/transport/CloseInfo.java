package dev.feedctl.transport;

import dev.feedctl.protocol.CloseCodes;
import dev.feedctl.units.Notation;
import dev.feedctl.protocol.NetworkText;
import java.time.Duration;

/**
 * How a socket ended.
 *
 * @param byServer     true when the server closed (or the peer vanished), false when feedctl did
 * @param sinceConnect time from the finished upgrade to the close
 */
public record CloseInfo(int code, String reason, boolean byServer, Duration sinceConnect) {

    /** The reason is the server's text: printable, never a forged line or a terminal escape. */
    public CloseInfo {
        reason = reason == null ? "" : NetworkText.text(reason);
    }

    public String side() {
        return byServer ? "server" : "client";
    }

    /** {@code closed by server after 1.5 s: 1001 "going away"}: how every report of a close says it. */
    public String describe() {
        return closedAfter() + ": " + codeAndReason();
    }

    /** {@code closed by server after 1.5 s}: the start of every sentence that reports a close. */
    public String closedAfter() {
        return "closed by " + side() + " after " + Notation.duration(sinceConnect);
    }

    /** {@code 1001 "going away"}, or the bare code when the close carried no reason. */
    public String codeAndReason() {
        return code + (reason.isEmpty() ? "" : " \"" + reason + "\"");
    }

    /** The known cause of this close, or null when there is nothing more to say than code and reason. */
    public String knownCause(boolean subscribedAnything, FrameSource.Sizes sizes) {
        return CloseCodes.cause(code, reason, byServer, sinceConnect, subscribedAnything, sizes.largestFrame(),
                sizes.maxMessageSize());
    }
}
