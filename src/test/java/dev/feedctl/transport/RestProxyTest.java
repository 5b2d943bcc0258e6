package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * REST honours the JDK's proxy settings ({@code http.proxyHost}, given with FEEDCTL_JAVA_OPTS) as HttpURLConnection
 * does, though the client asks the proxy selector once, not per request. Both the "proxy" and the "exchange" are on
 * loopback: the exchange's port has nothing behind it, so only a request through the proxy can be answered.
 */
@Isolated // sets proxy system properties for the whole process: no other test's REST client may pick them up
@Timeout(30)
class RestProxyTest {

    @Test
    void requestsGoThroughTheConfiguredProxy() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        proxy.createContext("/", ex -> {
            seen.add(ex.getRequestURI().toString()); // a proxy is asked with the whole URL
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        proxy.start();
        String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        try {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.getAddress().getPort()));
            System.setProperty("http.nonProxyHosts", ""); // loopback is exempt by default
            RestClient rest = new RestClient(URI.create("http://127.0.0.1:9"), null, null, 1000,
                    Duration.ofSeconds(5));
            for (int i = 0; i < 2; i++) { // the first request chooses the proxy, the second keeps it
                RestClient.Reply r = rest.getUnparsed("/market/product_book?product_id=BTC-USD&limit=10", false,
                        System.nanoTime() + Duration.ofSeconds(5).toNanos());
                assertEquals(200, r.status(), String.valueOf(r.error()));
            }
            String url = "http://127.0.0.1:9" + RestClient.PREFIX + "/market/product_book?product_id=BTC-USD&limit=10";
            assertEquals(List.of(url, url), seen);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
            proxy.stop(0);
        }
    }
}
