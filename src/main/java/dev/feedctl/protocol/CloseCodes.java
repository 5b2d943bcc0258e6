package dev.feedctl.protocol;

import java.time.Duration;

/** What Advanced Trade means by the way it closes a socket (docs/protocol.md §4): the known causes, with the fix. */
public final class CloseCodes {

    /** Advanced Trade closes a connection that has not subscribed to anything within this long. */
    public static final Duration SUBSCRIBE_DEADLINE = Duration.ofSeconds(5);
    public static final String SUBSCRIBE_DEADLINE_CAUSE = "subscribe deadline: Advanced Trade closes a connection "
            + "that subscribes to nothing within 5 s";

    private CloseCodes() {
    }

    /**
     * The known cause of a close, or null when there is nothing more to say than code and reason.
     *
     * @param byServer           the server closed (or the peer vanished), not feedctl
     * @param sinceConnect       time from the finished upgrade to the close
     * @param subscribedAnything an acknowledged subscription existed
     */
    public static String cause(int code, String reason, boolean byServer, Duration sinceConnect,
                               boolean subscribedAnything, long largestFrame, int maxMessageSize) {
        boolean deadline = !subscribedAnything && nearDeadline(sinceConnect);
        return switch (code) {
            case 1000 -> "deprecated hostname".equalsIgnoreCase(reason)
                    ? "the server says the hostname is deprecated: this is an old Exchange/Pro/GDAX host; use "
                    + CoinbaseHosts.MARKET_DATA
                    : deadline ? SUBSCRIBE_DEADLINE_CAUSE : null;
            case 1001 -> "the server is going away (restart or load shedding); reconnect and resubscribe";
            case 1006 -> "the peer or the network died: the connection ended without a close frame";
            case 1008 -> "ErrSlowConsume".equalsIgnoreCase(reason)
                    ? "the server dropped a slow consumer: frames were not read fast enough" : null;
            case 1009 -> (byServer ? "the server" : "feedctl") + " refused a frame over the size limit"
                    + (byServer ? "" : ": limit " + maxMessageSize + " bytes, frame " + largestFrame
                    + " bytes; raise --max-message-size (level2 snapshots run to many MiB)");
            default -> deadline && byServer ? SUBSCRIBE_DEADLINE_CAUSE : null;
        };
    }

    private static boolean nearDeadline(Duration d) {
        return d != null && Math.abs(d.minus(SUBSCRIBE_DEADLINE).toMillis()) <= 1500;
    }
}
