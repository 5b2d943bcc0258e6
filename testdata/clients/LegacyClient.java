// The origin story's price cache: the legacy Coinbase Exchange (Pro) subscribe format, and no reconnect at all.
//   java LegacyClient.java WS_URL
// feedctl exam FAILs it on subscribe and prints the Advanced Trade messages to send instead.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class LegacyClient {

    public static void main(String[] args) throws Exception {
        CompletableFuture<String> ended = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(args[0]),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        System.out.println(data);
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        ended.complete("closed " + code + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        ended.complete("error " + error);
                    }
                }).join();
        ws.sendText("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2_batch\","
                + "\"matches\",\"heartbeat\",{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}", true);
        System.err.println("connection ended: " + ended.get()); // "auto-reconnect" was only in the README
    }
}
