package dev.feedctl.sim;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The socket side on Java-WebSocket's server: hands each connection to a session. */
final class SimSocketServer extends WebSocketServer {

    private final SimContext ctx;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;
    private volatile Thread selector;

    SimSocketServer(InetSocketAddress address, SimContext ctx) {
        super(address, 2, java.util.List.of(new GatedDraft(ctx)));
        this.ctx = ctx;
        setReuseAddr(false);
        setTcpNoDelay(true);
        setDaemon(true);
        setConnectionLostTimeout(0); // liveness is the heartbeats' job, as on Coinbase
    }

    /** Starts and waits until bound; throws what binding threw (a port in use, say). */
    void startAndWait() throws Exception {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("simulator socket did not start within 10 s");
        }
        if (startFailure != null) {
            throw startFailure;
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (GatedDraft.refused(conn)) {
            ((org.java_websocket.WebSocketImpl) conn).flushAndClose(1006, "upgrade refused", false);
            return;
        }
        SimContext.Session s = ctx.config.replay() != null ? new ReplaySession(conn, ctx)
                : ctx.faults().has(Fault.LegacyExchange.class) ? new LegacySession(conn, ctx) : new SimSession(conn, ctx);
        conn.setAttachment(s);
        ctx.sessions.add(s);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ObservedConnection o = GatedDraft.observed(conn);
        if (o != null && o.admitted()) {
            o.closed(ctx.observations.now(), remote, code, reason);
        }
        SimContext.Session s = conn.getAttachment();
        if (s != null) {
            s.closed();
            ctx.sessions.remove(s);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ObservedConnection o = GatedDraft.observed(conn);
        if (o != null) {
            o.message(ctx.observations.now(), message);
        }
        SimContext.Session s = conn.getAttachment();
        if (s != null) {
            s.onText(message);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
        }
    }

    @Override
    public void onStart() {
        selector = Thread.currentThread(); // the library calls this on its selector thread
        started.countDown();
    }

    /**
     * Stops the server. With no connection left it ends at once: Java-WebSocket's selector otherwise polls five more
     * 5 ms selects before it ends (measured: 27 ms at the end of every {@code --sim} run). With connections open,
     * the library's own stop closes them with 1001 first, waiting up to {@code timeoutMillis}.
     */
    void stopPromptly(int timeoutMillis) throws InterruptedException {
        Thread t = selector;
        if (t != null && getConnections().isEmpty()) {
            t.interrupt(); // its loop ends on interrupt, then closes the selector and the listening socket
        }
        stop(timeoutMillis);
    }
}
