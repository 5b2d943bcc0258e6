package dev.feedctl.transport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One open socket. The read thread only hands frames over ({@link FrameHandoff}: bounded in bytes, it waits rather
 * than drop); everything else happens on the caller's thread through {@link #poll}. Single use: a new Connection
 * per attempt.
 */
public final class Connection implements FrameSource {

    private final URI uri;
    private final Clock clock;
    private final FrameHandoff handoff;
    private final WireHeaders meter;
    private final int maxMessageSize;
    private final Client client;
    private volatile long openedNanos;
    private volatile CloseInfo closeInfo;
    private volatile boolean closedDelivered;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private List<Phase> phases = List.of();
    private final java.util.concurrent.atomic.AtomicLong pings = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong pongsSkipped = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Pongs are only queued while fewer than this many frames wait to be written: a server that pings without
     * reading would otherwise grow the queue (and feedctl's memory) without bound.
     */
    static final int PONG_BACKLOG = 64;

    Connection(ConnectSpec spec, WireHeaders meter, Clock clock) {
        this.uri = spec.uri();
        this.clock = clock;
        this.meter = meter;
        this.maxMessageSize = spec.maxMessageSize();
        this.handoff = new FrameHandoff(spec.handoffBytes(), spec.linger().toNanos());
        this.client = new Client(spec.uri(), new WholeFrameDraft(spec.maxMessageSize()));
    }

    WebSocketClient client() {
        return client;
    }

    void phases(List<Phase> s) {
        phases = List.copyOf(s);
    }

    /** dns, tcp, tls (for wss), upgrade: how the connection was made. */
    public List<Phase> phases() {
        return phases;
    }

    public URI uri() {
        return uri;
    }

    /** Sends, or returns false when the socket is already closed (the close itself arrives through {@link #poll}). */
    @Override
    public boolean send(String text) {
        try {
            client.send(text);
            return true;
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** The next frame or the close, waiting at most {@code timeout}; null when nothing came. */
    @Override
    public Inbound poll(Duration timeout) throws InterruptedException {
        Inbound in = handoff.poll(timeout.toNanos());
        if (in == null && closeInfo != null && !closedDelivered && handoff.isEmpty()) {
            closedDelivered = true;
            return new Inbound.Closed(closeInfo);
        }
        if (in instanceof Inbound.Closed) {
            closedDelivered = true;
        }
        return in;
    }

    public CloseInfo closeInfo() {
        return closeInfo;
    }

    /**
     * How long the read thread has waited, in total, for the consumer to make room: feedctl's own delay, never the
     * feed's. Zero while feedctl keeps up.
     */
    @Override
    public long stalledNanos() {
        return handoff.stalledNanos();
    }

    /** How many times the read thread had to wait for the consumer. */
    @Override
    public long stalls() {
        return handoff.stalls();
    }

    @Override
    public boolean readerWaiting() {
        return handoff.readerWaiting();
    }

    @Override
    public Sizes sizes() {
        return new Sizes(meter.largestFrame(), maxMessageSize);
    }

    /** How long a polite close may take before the TCP connection is simply dropped. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /**
     * Closes politely (a close frame), but never waits more than {@link #CLOSE_GRACE} for the peer's answer: a dead
     * or stuck peer must not hang the command. Then the socket is dropped.
     */
    @Override
    public void beginClose() {
        client.close(); // only queues the close frame: the frames in the hand-off are still polled, then the close
    }

    @Override
    public void close() {
        handoff.release(); // the reader must never wait on a consumer that has stopped reading
        client.close();
        try {
            closed.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closeInfo == null) {
            client.closeConnection(1006, "feedctl gave up waiting for the close handshake");
        }
    }

    /** True once the upgrade completed, even if the socket closed right after (a bad first frame, say). */
    boolean wasOpened() {
        return openedNanos != 0;
    }

    /** Pings the server sent. */
    public long pings() {
        return pings.get();
    }

    /** Pings left unanswered because the server was not reading what feedctl had already queued. */
    public long pongsSkipped() {
        return pongsSkipped.get();
    }

    /** Frames waiting to be written to the server. */
    public int queuedFrames() {
        return client.getConnection() instanceof org.java_websocket.WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    private final class Client extends WebSocketClient {

        Client(URI uri, Draft_6455 draft) {
            super(uri, draft, Map.of("User-Agent", "feedctl"), 0);
            setConnectionLostTimeout(0); // liveness is judged on heartbeats and data, not on pings
            setDaemon(true);
        }

        @Override
        public void onWebsocketPing(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata f) {
            pings.incrementAndGet();
            if (queuedFrames() < PONG_BACKLOG) {
                super.onWebsocketPing(conn, f);
            } else {
                pongsSkipped.incrementAndGet(); // it is not reading: a pong now would only wait in memory
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            openedNanos = System.nanoTime();
        }

        @Override
        public void onMessage(String message) {
            try {
                handoff.putText(message, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the client is being shut down
            }
        }

        @Override
        public void onMessage(java.nio.ByteBuffer bytes) {
            handoff.putBinary(bytes.remaining(), clock);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            long opened = openedNanos;
            Duration since = opened == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - opened);
            WireHeaders.CloseFrame sent = meter.serverClose();
            if (meter.overLimit() > 0) {
                // feedctl stopped a message that went over --max-message-size (a message that never ends, say)
                closeInfo = new CloseInfo(1009, "message over the limit", false, since);
                handoff.putClosed(new Inbound.Closed(closeInfo));
                closed.countDown();
                return;
            }
            if (sent != null && (remote || code == 1006)) {
                // the server's close frame as it came off the wire: exact even when the TCP connection then died
                // (Java-WebSocket says 1006) or when it carried no code at all (1005, which the library reports as 1000)
                closeInfo = new CloseInfo(sent.code(), sent.reason(), true, since);
            } else {
                closeInfo = new CloseInfo(code, reason == null ? "" : reason, remote || code == 1006, since);
            }
            handoff.putClosed(new Inbound.Closed(closeInfo));
            closed.countDown();
        }

        @Override
        public void onError(Exception ex) {
            // the close that follows carries code and reason; nothing else to do on the read thread
        }
    }
}
