package dev.feedctl.check;

import com.sun.net.httpserver.HttpServer;
import dev.feedctl.transport.RestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A REST on loopback that answers every request 200 with one body, and a client of it (50 requests/s, 5 s timeout). */
final class LoopbackRest implements AutoCloseable {

    private final HttpServer server;
    final RestClient client;

    private LoopbackRest(HttpServer server) {
        this.server = server;
        this.client = new RestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null, null, 50,
                Duration.ofSeconds(5));
    }

    static LoopbackRest answering(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return new LoopbackRest(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
