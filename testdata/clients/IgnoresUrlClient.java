// Takes a URL argument and ignores it: it connects to its built-in endpoint (here a closed loopback port, so the
// example never leaves this machine), and retries forever.
//   java IgnoresUrlClient.java WS_URL
// feedctl exam ends with exit 3: the client never connected to the URL it was given.
import java.net.URI;
import java.net.http.HttpClient;

public class IgnoresUrlClient {

    static final URI BUILT_IN = URI.create("ws://127.0.0.1:9/");

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            try {
                http.newWebSocketBuilder().buildAsync(BUILT_IN, new java.net.http.WebSocket.Listener() { }).join();
            } catch (RuntimeException e) {
                System.err.println("cannot connect to " + BUILT_IN + ": " + e.getMessage());
            }
            Thread.sleep(1000);
        }
    }
}
