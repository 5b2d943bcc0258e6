// An Advanced Trade client whose reconnect behaviour is set by flags, for feedctl exam's tests of each grade:
//   java ConfigurableClient.java WS_URL [--no-heartbeats] [--delay MS] [--backoff] [--retry-after]
//                                       [--watchdog MS] [--no-reconnect] [--jwt-once] [--also CHANNEL]
// --delay: wait before every reconnect; --backoff: double the wait after each failed attempt; --retry-after: wait
// at least a 429's Retry-After; --watchdog: a connection with no message for MS is dead; --no-reconnect: exit 0 when
// the connection ends; --jwt-once: one (unsigned) JWT made at start, sent with every ticker subscribe, reused on
// every reconnect; --also: one more subscribe, to CHANNEL for BTC-USD. Uses only the JDK (java.net.http), so it runs anywhere Java 17 does.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public class ConfigurableClient {

    static final String TICKER = "{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}";

    static volatile long lastMessage;

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        URI uri = URI.create(args[0]);
        long delay = flag(a, "--delay", 200);
        long watchdog = flag(a, "--watchdog", 0);
        boolean backoff = a.contains("--backoff");
        boolean honourRetryAfter = a.contains("--retry-after");
        HttpClient http = HttpClient.newHttpClient();
        String jwt = a.contains("--jwt-once") ? jwt() : null;
        long wait = delay;
        while (true) {
            CompletableFuture<String> ended = new CompletableFuture<>();
            long retryAfterMs = 0;
            try {
                WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, listener(ended)).get(5, TimeUnit.SECONDS);
                lastMessage = System.nanoTime();
                // join each send: java.net.http refuses a second send while one is pending
                ws.sendText(jwt == null ? TICKER : TICKER.replace("}", ",\"jwt\":\"" + jwt + "\"}"), true).join();
                if (a.contains("--also")) {
                    ws.sendText(TICKER.replace("ticker", a.get(a.indexOf("--also") + 1)), true).join();
                }
                if (!a.contains("--no-heartbeats")) {
                    ws.sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", true).join();
                }
                wait = delay; // connected: the backoff starts over
                while (!ended.isDone()) {
                    if (watchdog > 0 && System.nanoTime() - lastMessage > watchdog * 1_000_000) {
                        ws.abort();
                        ended.complete("silent for " + watchdog + " ms");
                    }
                    try {
                        ended.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException notYet) {
                        // look at the watchdog again
                    }
                }
                System.err.println("connection ended: " + ended.get());
                ws.abort();
            } catch (Exception e) {
                if (e.getCause() instanceof WebSocketHandshakeException h) {
                    System.err.println("upgrade refused: HTTP " + h.getResponse().statusCode());
                    retryAfterMs = h.getResponse().headers().firstValueAsLong("retry-after").orElse(0) * 1000;
                } else {
                    System.err.println("connect failed: " + e);
                }
                wait = backoff ? wait * 2 : wait;
            }
            if (a.contains("--no-reconnect")) {
                return;
            }
            Thread.sleep(honourRetryAfter ? Math.max(wait, retryAfterMs) : wait);
        }
    }

    static WebSocket.Listener listener(CompletableFuture<String> ended) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                lastMessage = System.nanoTime();
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                ended.complete("closed " + code);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                ended.complete("error " + error);
            }
        };
    }

    /** A CDP-shaped JWT valid for 120 s from now, with a made-up signature (no key: the exam checks the claims). */
    static String jwt() {
        java.util.Base64.Encoder b = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        return b.encodeToString("{\"alg\":\"ES256\",\"kid\":\"k\",\"nonce\":\"n\"}".getBytes()) + "."
                + b.encodeToString(("{\"iss\":\"cdp\",\"sub\":\"k\",\"nbf\":" + now + ",\"exp\":" + (now + 120) + "}")
                .getBytes()) + ".U0lHTkFUVVJFLUNBTkFSWS1TSUdOQVRVUkUtQ0FOQVJZ";
    }

    static long flag(List<String> a, String name, long fallback) {
        int i = a.indexOf(name);
        return i < 0 ? fallback : Long.parseLong(a.get(i + 1));
    }
}
