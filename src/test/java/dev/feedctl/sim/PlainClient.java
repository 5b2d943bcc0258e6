package dev.feedctl.sim;

import dev.feedctl.protocol.Json;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain WebSocket client on the JDK's own implementation, so simulator tests do not share code (or mistakes)
 * with feedctl's client.
 */
final class PlainClient implements AutoCloseable {

    record Close(int code, String reason, long afterMillis) {
    }

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final long openedAt = System.nanoTime();
    private final WebSocket ws;

    private PlainClient(URI uri) throws Exception {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    static PlainClient open(URI uri) throws Exception {
        return new PlainClient(uri);
    }

    void send(String text) throws Exception {
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    void subscribe(String channel, String... products) throws Exception {
        send(subscribeMessage(channel, null, products));
    }

    static String subscribeMessage(String channel, String jwt, String... products) {
        StringBuilder sb = new StringBuilder("{\"type\":\"subscribe\",\"channel\":\"").append(channel).append('"');
        if (products.length > 0) {
            sb.append(",\"product_ids\":[");
            for (int i = 0; i < products.length; i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(products[i]).append('"');
            }
            sb.append(']');
        }
        if (jwt != null) {
            sb.append(",\"jwt\":\"").append(jwt).append('"');
        }
        return sb.append('}').toString();
    }

    /** The next frame as JSON, or null after the timeout. Frames that are not JSON come back as {"raw": text}. */
    JsonObject next(Duration timeout) throws InterruptedException {
        String text = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text).getAsJsonObject();
        } catch (RuntimeException e) {
            JsonObject o = new JsonObject();
            o.addProperty("raw", text);
            return o;
        }
    }

    /** The first frame matching {@code p} within {@code timeout}, skipping others; null when none came. */
    JsonObject await(Predicate<JsonObject> p, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            JsonObject o = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (o != null && p.test(o)) {
                return o;
            }
        }
        return null;
    }

    static Predicate<JsonObject> channel(String name) {
        return o -> o.has("channel") && name.equals(o.get("channel").getAsString());
    }

    /** Nanoseconds since this client started to connect: before the simulator could schedule anything for it. */
    long nanosSinceOpen() {
        return System.nanoTime() - openedAt;
    }

    Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason, (System.nanoTime() - openedAt) / 1_000_000));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(1006, String.valueOf(error), (System.nanoTime() - openedAt) / 1_000_000));
        }
    }
}
