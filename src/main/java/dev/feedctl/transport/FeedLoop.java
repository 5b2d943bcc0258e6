package dev.feedctl.transport;

import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The one read loop over a subscribed {@link FeedSession}: frames, acknowledgements, server errors, foreign formats,
 * the close, and the watchdog's verdicts, as {@link FeedEvent}s. Silences are measured on the feed clock (wall time
 * minus feedctl's own reader stalls), so a slow consumer never looks like a stalled feed.
 */
public final class FeedLoop {

    /**
     * @param ackTimeout       a subscribe not acknowledged within this is {@link FeedEvent.Stalled.Kind#NO_ACK}
     * @param heartbeatTimeout heartbeats subscribed and acknowledged, none for this long: dead; null: not watched
     * @param silenceTimeout   no frame at all for this long: dead; null: not watched
     */
    public record Watch(Duration ackTimeout, Duration heartbeatTimeout, Duration silenceTimeout) {

        /** Only the acknowledgement deadline (subscribe, verify, probe judge silences themselves). */
        public static Watch ackOnly(Duration ackTimeout) {
            return new Watch(ackTimeout, null, null);
        }
    }

    private final FeedSession session;
    private final Watch watch;
    private final ArrayDeque<FeedEvent> pending = new ArrayDeque<>();
    private final long subscribedNanos;
    private final boolean heartbeatsSubscribed;
    private Instant lastFrame;
    private Instant lastHeartbeat;
    private int acksReported;
    private boolean ackStallReported;
    private boolean heartbeatStallReported;
    private boolean silenceReported;
    private boolean closed;
    private long lastWatch = System.nanoTime();
    private static final long WATCH_EVERY_NANOS = 50_000_000;

    /** Call right after {@link FeedSession#subscribe} (or {@link FeedSession#adopt}). */
    public FeedLoop(FeedSession session, Watch watch) {
        this.session = session;
        this.watch = watch;
        this.subscribedNanos = System.nanoTime();
        this.heartbeatsSubscribed = session.channels().contains(Channels.HEARTBEATS);
        this.lastFrame = session.feedNow();
        this.lastHeartbeat = lastFrame;
    }

    /**
     * {@link #next(Duration)} waiting at most {@code tick}, and never past {@code deadlineNanos} (on
     * {@link System#nanoTime}; {@link Long#MAX_VALUE} for none): a quiet feed must not stretch a run by a tick. The
     * tick itself is passed on while the deadline is further away, so the usual call allocates nothing.
     */
    public FeedEvent nextBefore(Duration tick, long deadlineNanos) throws InterruptedException {
        if (deadlineNanos == Long.MAX_VALUE) {
            return next(tick);
        }
        long left = deadlineNanos - System.nanoTime();
        return next(left >= tick.toNanos() ? tick : Duration.ofNanos(Math.max(0, left)));
    }

    /** The next event, waiting at most {@code wait}; null when nothing happened. Nothing comes after a close. */
    public FeedEvent next(Duration wait) throws InterruptedException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (closed) {
            return null;
        }
        long now = System.nanoTime();
        if (now - lastWatch >= WATCH_EVERY_NANOS) { // also while frames flow: data without heartbeats is a stall too
            lastWatch = now;
            FeedEvent stalled = watchdog();
            if (stalled != null) {
                return stalled;
            }
        }
        FeedSession.Arrival in = session.next(wait);
        if (in instanceof Inbound.Closed c) {
            closed = true;
            return new FeedEvent.Closed(c.close());
        }
        if (in instanceof FeedSession.Received r) {
            return received(r);
        }
        lastWatch = System.nanoTime();
        return watchdog();
    }

    private FeedEvent received(FeedSession.Received r) {
        Instant at = r.raw().feedTime();
        lastFrame = at;
        Frame f = r.decoded().frame();
        if (f instanceof Frame.Data d && Channels.HEARTBEATS.equals(d.channel())) {
            lastHeartbeat = at;
        }
        Map<String, Duration> acked = session.ackedAfter();
        if (acked.size() > acksReported) {
            acked.entrySet().stream().skip(acksReported)
                    .forEach(e -> pending.add(new FeedEvent.Acknowledged(e.getKey(), e.getValue())));
            acksReported = acked.size();
            if (acked.containsKey(Channels.HEARTBEATS) && lastHeartbeat.isBefore(at)) {
                lastHeartbeat = at; // the heartbeat watch starts when heartbeats are confirmed
            }
        }
        if (f instanceof Frame.Error e) {
            return new FeedEvent.ServerError(r, e);
        }
        if (f instanceof Frame.Foreign foreign) {
            return new FeedEvent.ForeignFormat(r, foreign);
        }
        return new FeedEvent.Data(r);
    }

    private FeedEvent watchdog() {
        // runs whenever the hand-off is drained (thousands of times a second at full rate): no allocation unless
        // there is something to report
        if (!ackStallReported && !session.allAcknowledged()
                && System.nanoTime() - subscribedNanos > watch.ackTimeout().toNanos()) {
            ackStallReported = true;
            return new FeedEvent.Stalled(FeedEvent.Stalled.Kind.NO_ACK, watch.ackTimeout(), session.unacknowledged());
        }
        Instant now = session.feedNow();
        if (watch.heartbeatTimeout() != null && heartbeatsSubscribed && !heartbeatStallReported
                && session.ackedAfter().containsKey(Channels.HEARTBEATS)) {
            Duration quiet = Duration.between(lastHeartbeat, now);
            if (quiet.compareTo(watch.heartbeatTimeout()) > 0) {
                heartbeatStallReported = true;
                return new FeedEvent.Stalled(FeedEvent.Stalled.Kind.NO_HEARTBEAT, quiet, List.of(Channels.HEARTBEATS));
            }
        }
        if (watch.silenceTimeout() != null && !silenceReported) {
            Duration quiet = Duration.between(lastFrame, now);
            if (quiet.compareTo(watch.silenceTimeout()) > 0) {
                silenceReported = true;
                return new FeedEvent.Stalled(FeedEvent.Stalled.Kind.SILENT, quiet, session.channels());
            }
        }
        return null;
    }

    /** When the last frame arrived, on the feed clock. */
    public Instant lastFrame() {
        return lastFrame;
    }
}
