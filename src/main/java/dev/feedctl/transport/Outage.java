package dev.feedctl.transport;

import java.time.Duration;
import java.time.Instant;

/**
 * One outage of one shard, reported once: when the feed is back (acknowledged again) or when feedctl gives up.
 *
 * @param connection     the connection that died, or 0 when no connection was ever open for the shard
 * @param kind           {@code close}, {@code stall}, {@code refused} (upgrade answered with an HTTP status),
 *                       {@code connect} (DNS/TCP/TLS/upgrade failed otherwise), {@code no-ack}, {@code server-error}
 * @param cause          what happened, in words (close code and its meaning, the silence, the status)
 * @param closeCode      the close code, when a close ended it
 * @param lastFrameAt    the last frame the dead connection delivered (null when none)
 * @param detectedAt     when feedctl knew the connection was dead
 * @param restoredAt     when every channel was acknowledged again; null when feedctl gave up
 * @param attempts       connection attempts made to end it
 * @param gaps           sequence gaps counted exactly within the dead connection
 * @param missing        sequence numbers those gaps skipped
 * @param lastSequence   the dead connection's last sequence_num, or -1
 */
public record Outage(int shard, long connection, String kind, String cause, Integer closeCode, Instant lastFrameAt,
                     Instant detectedAt, Instant restoredAt, int attempts, long gaps, long missing,
                     long lastSequence) {

    /** From the last frame to the moment the death was known: how long a dead feed could look alive. */
    public Duration detection() {
        return lastFrameAt == null ? Duration.ZERO : Duration.between(lastFrameAt, detectedAt).abs();
    }

    /** From detection to every channel acknowledged again; null while not restored. */
    public Duration downtime() {
        return restoredAt == null ? null : Duration.between(detectedAt, restoredAt);
    }

    /** What can and cannot be known about data lost in this outage. */
    public String lostData() {
        String within = connection == 0 ? "" : "within connection " + connection + " " + (gaps == 0
                ? "no sequence gap was seen" : gaps + " gap" + (gaps == 1 ? "" : "s") + " (" + missing
                + " sequence numbers) were counted exactly") + "; ";
        return within + "sequence_num restarts on a new connection, so how many messages the exchange sent while "
                + "disconnected cannot be counted; the new subscription's snapshots bring prices and books back to "
                + "the exchange's current state";
    }
}
