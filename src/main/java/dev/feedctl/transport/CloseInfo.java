package dev.feedctl.transport;

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
        return switch (code) {
            case 1000 -> "deprecated hostname".equalsIgnoreCase(reason)
                    ? "the server says the hostname is deprecated: this is an old Exchange/Pro/GDAX host; "
                    + "use wss://advanced-trade-ws.coinbase.com"
                    : !subscribedAnything && near(sinceConnect, 5)
                    ? "subscribe deadline: Advanced Trade closes a connection that subscribes to nothing within 5 s"
                    : null;
            case 1001 -> "the server is going away (restart or load shedding); reconnect and resubscribe";
            case 1006 -> "the peer or the network died: the connection ended without a close frame";
            case 1008 -> "ErrSlowConsume".equalsIgnoreCase(reason)
                    ? "the server dropped a slow consumer: frames were not read fast enough" : null;
            case 1009 -> (byServer ? "the server" : "feedctl") + " refused a frame over the size limit"
                    + (byServer ? "" : ": limit " + maxMessageSize + " bytes, frame " + largestFrame
                    + " bytes; raise --max-message-size (level2 snapshots run to many MiB)");
            default -> !subscribedAnything && near(sinceConnect, 5) && byServer
                    ? "subscribe deadline: Advanced Trade closes a connection that subscribes to nothing within 5 s"
                    : null;
        };
    }

    private static boolean near(Duration d, int seconds) {
        return d != null && Math.abs(d.toMillis() - seconds * 1000L) <= 1500;
    }
}
