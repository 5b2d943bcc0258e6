package dev.feedctl.hostile;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on loopback that does what a broken or hostile exchange might: on the client's first
 * subscribe it runs a script against the connection. Test sources only; every use is bounded by the test's timeout.
 */
final class HostileServer implements AutoCloseable {

    private final Server server;

    private HostileServer(java.util.function.BiConsumer<WebSocket, String> onSubscribe) throws InterruptedException {
        server = new Server(onSubscribe);
        server.setDaemon(true);
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hostile server did not start");
        }
    }

    static HostileServer onSubscribe(Consumer<WebSocket> script) throws InterruptedException {
        return new HostileServer((conn, message) -> script.accept(conn));
    }

    /** The script also gets the client's first subscribe message (its JWT, say). */
    static HostileServer onSubscribeMessage(java.util.function.BiConsumer<WebSocket, String> script)
            throws InterruptedException {
        return new HostileServer(script);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(500);
    }

    private static final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        private final java.util.function.BiConsumer<WebSocket, String> script;

        Server(java.util.function.BiConsumer<WebSocket, String> script) {
            super(new InetSocketAddress("127.0.0.1", 0), 1);
            this.script = script;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            if (message.contains("\"subscribe\"") && conn.getAttachment() == null) {
                conn.setAttachment(Boolean.TRUE);
                script.accept(conn, message);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
