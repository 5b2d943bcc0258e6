package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.feedctl.TestTls;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST client's manners, against a scripted loopback server that records when each request came. */
@Timeout(30)
class RestClientTest {

    private HttpServer server;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private URI serve(int... statuses) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", ex -> {
            arrivals.add(System.nanoTime());
            asked.add(ex.getRequestURI().toString());
            int i = count.getAndIncrement();
            int status = statuses[Math.min(i, statuses.length - 1)];
            byte[] body = (status == 200 ? "{\"price\":\"1.00\"}" : "{\"errors\":[{\"id\":\"x\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
                ex.getResponseHeaders().set("Retry-After", "1");
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void eachRequestAsksForExactlyThePathAndQueryGivenUnderTheBasesOwnPath() throws Exception {
        URI at = serve(200);
        String hostPort = at.getHost() + ":" + at.getPort();
        for (String base : List.of(at.toString(), at + "/", at + "/gateway//", "http://someone:secret@" + hostPort)) {
            asked.clear();
            RestClient rest = new RestClient(URI.create(base), null, null, 1000, Duration.ofSeconds(5));
            RestClient.Reply r = rest.getUnparsed("/market/products/BTC-USD/ticker?limit=100&start=1&end=3", false,
                    deadline(5));
            assertEquals(200, r.status(), base + ": " + r.error());
            String prefix = base.contains("/gateway") ? "/gateway" : "";
            assertEquals(List.of(prefix + RestClient.PREFIX + "/market/products/BTC-USD/ticker?limit=100&start=1&end=3"),
                    asked, base);
        }
    }

    @Test
    void aPathThatIsNotAUriIsAFailedReplyAndNoRequest() throws Exception {
        RestClient rest = new RestClient(serve(200), null, null, 1000, Duration.ofSeconds(5));
        RestClient.Reply r = rest.getUnparsed("/market/products/BTC USD", false, deadline(5));
        assertEquals(0, r.status());
        assertTrue(r.error().startsWith("IllegalArgumentException"), r.error());
        assertEquals(List.of(), asked);
    }

    @Test
    void anIpv6LoopbackBaseIsAskedAsItIsWritten() throws Exception {
        server = HttpServer.create(new InetSocketAddress("::1", 0), 10);
        server.createContext("/", ex -> {
            asked.add(ex.getRequestURI().toString());
            ex.sendResponseHeaders(200, 2);
            try (OutputStream os = ex.getResponseBody()) {
                os.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        RestClient rest = new RestClient(URI.create("http://[::1]:" + server.getAddress().getPort()), null, null,
                1000, Duration.ofSeconds(5));
        RestClient.Reply r = rest.getUnparsed("/market/product_book?product_id=ETH-USD&limit=10", false, deadline(5));
        assertEquals(200, r.status(), r.error());
        assertEquals(List.of(RestClient.PREFIX + "/market/product_book?product_id=ETH-USD&limit=10"), asked);
    }

    @Test
    void honoursRetryAfterOn429AndCountsTheRefusals() throws Exception {
        RestClient rest = new RestClient(serve(429, 200), null, null, 50, Duration.ofSeconds(2));
        RestClient.Reply r = rest.product("BTC-USD", deadline(10));
        assertTrue(r.ok(), r.toString());
        assertEquals(2, rest.counts().calls());
        assertEquals(1, rest.counts().refused());
        long waitedMs = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        assertTrue(waitedMs >= 1000, "waited " + waitedMs + " ms for Retry-After: 1");
    }

    @Test
    void retriesServerErrorsABoundedNumberOfTimes() throws Exception {
        RestClient rest = new RestClient(serve(503), null, null, 50, Duration.ofSeconds(2));
        RestClient.Reply r = rest.time(deadline(10));
        assertEquals(503, r.status());
        assertEquals(1 + RestClient.MAX_RETRIES, rest.counts().calls());
        assertEquals(1 + RestClient.MAX_RETRIES, rest.counts().serverErrors());
    }

    @Test
    void neverWaitsPastTheCallersDeadline() throws Exception {
        RestClient rest = new RestClient(serve(429), null, null, 50, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        RestClient.Reply r = rest.time(System.nanoTime() + Duration.ofMillis(300).toNanos());
        assertEquals(429, r.status());
        assertEquals(1, rest.counts().calls(), "Retry-After 1 s lies past the deadline: no second call");
        assertTrue(System.nanoTime() - t0 < Duration.ofMillis(900).toNanos());
    }

    @Test
    void staysWithinTheRequestBudget() throws Exception {
        RestClient rest = new RestClient(serve(200), null, null, 5, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            assertTrue(rest.time(deadline(10)).ok());
        }
        // the budget holds the sending side: the 6th request cannot leave before 5 slots of 200 ms have passed
        // (arrival times on a loaded machine jitter, so they are not what is judged)
        long spanMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(spanMs >= 999, "6 requests at 5/s need at least 1000 ms, took " + spanMs + " ms");
        assertEquals(6, arrivals.size());
    }

    @Test
    void caFileIsTrustedByRestAsItIsByTheSocket(@TempDir Path dir) throws Exception {
        TestTls tls = new TestTls(dir);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
        https.createContext("/", ex -> {
            byte[] body = "{\"epochMillis\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        https.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + https.getAddress().getPort());
            RestClient.Reply untrusted = new RestClient(base, null, null, 50, Duration.ofSeconds(2))
                    .time(deadline(1));
            assertEquals(0, untrusted.status(), "a self-signed server must not be trusted without --ca-file");
            RestClient.Reply trusted = new RestClient(base, tls.caPem, null, 50, Duration.ofSeconds(2))
                    .time(deadline(5));
            assertEquals(200, trusted.status(), () -> String.valueOf(trusted.error()));
        } finally {
            https.stop(0);
        }
    }

    @Test
    void absurdRetryAfterValuesAreNotTakenAtTheirWord() throws Exception {
        for (String retryAfter : new String[] {"Infinity", "99999999999", "1e308", "NaN", "-5"}) {
            HttpServer h = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            h.createContext("/", ex -> {
                ex.getResponseHeaders().set("Retry-After", retryAfter);
                ex.sendResponseHeaders(429, -1);
                ex.close();
            });
            h.start();
            try {
                RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + h.getAddress().getPort()), null, null,
                        50, Duration.ofSeconds(2));
                long t0 = System.nanoTime();
                RestClient.Reply r = rest.time(deadline(2));
                assertEquals(429, r.status(), retryAfter);
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(), "returned by the deadline");
            } finally {
                h.stop(0);
            }
        }
    }

    @Test
    void epochMillisMustBeAWholeNumber() {
        var o = new com.google.gson.JsonObject();
        o.addProperty("epochMillis", "soon");
        assertEquals(null, RestClient.epochMillis(o));
        o.addProperty("epochMillis", "1764460800000");
        assertEquals(1764460800000L, RestClient.epochMillis(o));
    }

    @Test
    void aServerThatTricklesOrNeverEndsItsBodyIsCutOffOnTime() throws Exception {
        HttpServer h = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        h.createContext("/api/v3/brokerage/time", ex -> {
            ex.sendResponseHeaders(200, 1000);
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 1000; i++) { // a byte every 100 ms: each read is within the read timeout
                    os.write('{');
                    os.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up, as it should
            }
        });
        h.createContext("/api/v3/brokerage/market/products/BTC-USD", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, and it never ends
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    os.write(chunk);
                }
            } catch (IOException gone) {
                // the client hung up, as it should
            }
        });
        java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newCachedThreadPool();
        h.setExecutor(handlers);
        h.start();
        try {
            RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + h.getAddress().getPort()), null, null,
                    50, Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            RestClient.Reply slow = rest.get("/time", false, deadline(3));
            assertEquals(0, slow.status(), String.valueOf(slow.error()));
            assertTrue(slow.error().contains("too slowly"), slow.error());
            RestClient.Reply endless = rest.product("BTC-USD", deadline(10));
            assertEquals(0, endless.status());
            assertTrue(endless.error().contains("over 1024 KiB"), endless.error());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(8).toNanos(), "both ended on time");
        } finally {
            h.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void aRedirectIsReportedAndNeverFollowedWithTheToken() throws Exception {
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
        AtomicInteger reached = new AtomicInteger();
        elsewhere.createContext("/", ex -> {
            reached.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        elsewhere.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/x");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        try {
            java.security.KeyPair kp = dev.feedctl.TestKeys.ec();
            dev.feedctl.auth.JwtSigner signer = new dev.feedctl.auth.JwtSigner(new dev.feedctl.auth.CdpKey(
                    dev.feedctl.TestKeys.NAME, dev.feedctl.auth.CdpKey.Algorithm.ES256, kp.getPrivate(),
                    kp.getPublic(), List.of()), java.time.Clock.systemUTC());
            RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null,
                    signer, 50, Duration.ofSeconds(2));
            RestClient.Reply r = rest.bestBidAsk("BTC-USD", deadline(5));
            assertTrue(!r.ok() && r.error().contains("HTTP 302 redirect to http://127.0.0.1:")
                    && r.error().contains("not followed"), r.toString());
            assertEquals(0, reached.get(), "the token never went to the other host");
        } finally {
            elsewhere.stop(0);
        }
    }
}
