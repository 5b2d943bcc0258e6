// Reconnects only after an abnormal close, as several client libraries do: a clean close (1000, or 1001 going
// away, which Coinbase sends on every deploy) is taken as "we are done", and the client sits there with no feed.
//   java CleanCloseClient.java WS_URL
// feedctl exam FAILs it on close-1001.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class CleanCloseClient {

    static final String TICKER = "{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}";

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            try {
                WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closed.complete(1006);
                    }
                }).join();
                // join each send: java.net.http refuses a second send while one is pending
                ws.sendText(TICKER, true).join();
                ws.sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", true).join();
                int code = closed.get();
                System.err.println("closed with " + code);
                if (code == 1000 || code == 1001) {
                    Thread.currentThread().join(); // "the server closed us cleanly": nothing to do, ever again
                }
            } catch (RuntimeException e) {
                System.err.println("connect failed: " + e.getMessage());
            }
            Thread.sleep(500);
        }
    }
}
