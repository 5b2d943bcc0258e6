package dev.feedctl.sim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;

/**
 * Where a connection's frames leave: numbers them with the connection's one {@code sequence_num} counter and
 * applies the frame faults (drop, gap, stall, malformed). Numbering and sending happen under one lock, so the
 * wire order is the numbering order.
 */
final class FrameSender {

    /** Frames queued for a client that does not read; past this the server drops it, as Coinbase does. */
    static final int SLOW_CONSUMER_LIMIT = 500_000;

    private final WebSocket conn;
    private final SimContext ctx;
    private final long openedNanos = System.nanoTime();
    private long sequence;
    private long dataFrames;
    private long malformed;
    private volatile boolean closed;
    private volatile boolean stallAllNow;
    private volatile boolean stallDataNow;
    // the connection's faults, looked up once: data() runs for every frame, up to 100,000 a second
    private final Duration stallAllAfter;
    private final Duration stallDataAfter;
    private final Fault.MalformedFrames malformedEvery;
    private final Fault.SequenceGaps gaps;
    private final Fault.DropFrames drops;
    private final ObservedConnection observed;

    FrameSender(WebSocket conn, SimContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
        Faults f = ctx.faults();
        this.stallAllAfter = f.find(Fault.StallAll.class).map(Fault.StallAll::after).orElse(null);
        this.stallDataAfter = f.find(Fault.StallData.class).map(Fault.StallData::after).orElse(null);
        this.malformedEvery = f.find(Fault.MalformedFrames.class).orElse(null);
        this.gaps = f.find(Fault.SequenceGaps.class).orElse(null);
        this.drops = f.find(Fault.DropFrames.class).orElse(null);
        this.observed = GatedDraft.observed(conn);
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    void scheduleCloseFaults(List<ScheduledFuture<?>> timers) {
        ctx.faults().find(Fault.Close.class).ifPresent(f -> timers.add(ctx.timers.schedule(
                () -> close(f.code(), f.reason()), f.after().toMillis(), TimeUnit.MILLISECONDS)));
        ctx.faults().find(Fault.AbruptDrop.class).ifPresent(f -> timers.add(ctx.timers.schedule(
                this::drop, f.after().toMillis(), TimeUnit.MILLISECONDS)));
    }

    /** Frames outside the data flow (acks, errors): never dropped or mangled, but they stop when all stalls. */
    synchronized void control(String text) {
        if (!stalledAll()) {
            send(text);
        }
    }

    /** An Advanced Trade frame that is not data: numbered, subject only to the stall-everything fault. */
    synchronized void heartbeat(String events) {
        if (!stalledAll()) {
            sentData();
            send(SimFrames.envelope("heartbeats", ctx.exchangeClock.instant(), sequence++, events));
        }
    }

    /** Subscriptions acks are numbered too: the counter covers every frame on the connection. */
    synchronized void ack(String events) {
        if (!stalledAll()) {
            send(SimFrames.envelope("subscriptions", ctx.exchangeClock.instant(), sequence++, events));
        }
    }

    /** A data frame: the frame faults (stall, malformed, gap, drop) apply. */
    synchronized void data(String channel, String events) {
        if (closed || stalledAll() || stallDataNow || stalled(stallDataAfter)) {
            return;
        }
        dataFrames++;
        if (malformedEvery != null && dataFrames % malformedEvery.every() == 0) {
            sendMalformed(channel, events);
            return;
        }
        if (gaps != null && dataFrames % gaps.every() == 0) {
            sequence += gaps.skip();
        }
        long seq = sequence++;
        if (drops != null && dataFrames % drops.every() == 0) {
            return;
        }
        sentData();
        send(SimFrames.envelope(channel, ctx.exchangeClock.instant(), seq, events));
    }

    /**
     * The observation log learns when data first flowed (the exam's faults wait for it); before the send, so a client
     * that already has the frame never finds the log without it.
     */
    private void sentData() {
        if (observed != null && observed.firstDataAt() == null && !closed) {
            observed.dataSent(ctx.observations.now());
        }
    }

    /** Bad JSON uses no sequence number (nothing readable carries one); the other kinds do. */
    private void sendMalformed(String channel, String events) {
        int kind = (int) (malformed++ % 3);
        if (kind == 0) {
            String whole = SimFrames.envelope(channel, ctx.exchangeClock.instant(), sequence, events);
            send(whole.substring(0, whole.length() / 2));
            return;
        }
        String whole = SimFrames.envelope(channel, ctx.exchangeClock.instant(), sequence++, events);
        send(kind == 1
                ? whole.replaceFirst("\"timestamp\":\"[^\"]*\",", "")
                : whole.substring(0, whole.indexOf("\"events\":")) + "\"events\":{}}");
    }

    private boolean stalledAll() {
        return stallAllNow || stalled(stallAllAfter);
    }

    /**
     * From now on this connection sends nothing (or no data, heartbeats going on); the socket stays open. Under the
     * sending lock: a send under way ends (and is counted) first, so the count read after this is final.
     */
    synchronized void stallNow(boolean dataOnly) {
        if (dataOnly) {
            stallDataNow = true;
        } else {
            stallAllNow = true;
        }
    }

    private boolean stalled(Duration after) {
        return after != null && age().compareTo(after) > 0;
    }

    private void send(String text) {
        if (closed) {
            return;
        }
        try {
            if (conn instanceof WebSocketImpl impl && impl.outQueue.size() > SLOW_CONSUMER_LIMIT) {
                conn.close(CloseFrame.POLICY_VALIDATION, "ErrSlowConsume");
                closed = true;
                return;
            }
            conn.send(text);
            ctx.framesSent.incrementAndGet();
        } catch (WebsocketNotConnectedException e) {
            closed = true;
        }
    }

    void close(int code, String reason) {
        closed = true;
        conn.close(code, reason);
    }

    /** Closes the TCP connection without a close frame. */
    void drop() {
        closed = true;
        if (conn instanceof WebSocketImpl impl) {
            impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped", false);
        }
    }

    void markClosed() {
        closed = true;
    }
}
