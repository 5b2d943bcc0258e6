package dev.feedctl.monitor;

import java.util.List;

/**
 * The {@code cause} label of {@code feedctl_outages_total}: a small fixed set, so alert rules can name it and a
 * server's words never become a label.
 */
public enum OutageCause {
    /** A close frame ended the connection (either side), like 1001 going away. */
    CLOSE,
    /** The connection was lost without a close frame (1006). */
    DROP,
    /** Open but silent: no heartbeat, no frame, or a subscribe never acknowledged. */
    STALL,
    /** A connection could not be opened: the upgrade answered with an HTTP status, or TCP, DNS or TLS failed. */
    REFUSED,
    /** The server sent an error frame, or anything else. */
    ERROR;

    public static final List<OutageCause> ALL = List.of(values());

    /** The label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * From the engine's outage kind ({@code dev.feedctl.transport.Outage#kind}) and close code.
     */
    public static OutageCause of(String kind, Integer closeCode) {
        return switch (kind) {
            case "close" -> closeCode != null && closeCode == 1006 ? DROP : CLOSE;
            case "stall", "no-ack" -> STALL;
            case "refused", "connect" -> REFUSED;
            default -> ERROR;
        };
    }
}
