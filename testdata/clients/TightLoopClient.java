// Subscribes the right way, but reconnects in a tight loop: no delay, no backoff, Retry-After ignored.
//   java TightLoopClient.java WS_URL
// feedctl exam FAILs it on refuse-429 as a reconnect storm (and on stall: it has no watchdog).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class TightLoopClient {

    static final String TICKER = "{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}";

    public static void main(String[] args) {
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            CompletableFuture<String> ended = new CompletableFuture<>();
            try {
                WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        ended.complete("closed " + code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        ended.complete("error " + error);
                    }
                }).join();
                // join each send: java.net.http refuses a second send while one is pending
                ws.sendText(TICKER, true).join();
                ws.sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", true).join();
                System.err.println("connection ended: " + ended.join());
                ws.abort();
            } catch (RuntimeException e) {
                System.err.println("connect failed: " + e.getMessage()); // and straight back in
            }
        }
    }
}
