package dev.feedctl.hostile;

import dev.feedctl.protocol.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.cli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile input that used to crash feedctl (exit 70), hang it, or tell the wrong story (issue 9). */
@Timeout(30)
class HostileInputTest {

    @TempDir
    Path dir;

    @Test
    void anErrorFrameWithoutAMessageIsExplainedNotACrash() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> c.send("{\"type\":\"error\"}"))) {
            Path report = dir.resolve("r.json");
            Run r = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--duration", "2s", "--report", report.toString());
            assertEquals(5, r.code(), r::toString);
            assertTrue(r.out().contains("error frame without a message"), r::toString);
            assertFalse(r.err().contains("internal error"), r::toString);
            assertTrue(Files.exists(report), "the report is written");
        }
    }

    @Test
    void aCloseFrameWithoutACodeIs1005NotAPolite1000() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> {
            CloseFrame empty = new CloseFrame(); // a close frame with no payload at all: no code, no reason
            empty.setCode(CloseFrame.NOCODE);
            c.sendFrame(empty);
        })) {
            Run r = Run.of("subscribe", "--ws-url", s.uri().toString(), "--count", "1");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains(": 1005"), r::toString);
        }
    }

    @Test
    void aLoneSurrogateFromTheServerCostsNeitherReportNorJunit() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> c.send("{\"type\":\"error\",\"message\":\"bad \\ud800 x\"}"))) {
            Path report = dir.resolve("r.json");
            Path junit = dir.resolve("j.xml");
            Run r = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--duration", "2s", "--report", report.toString(), "--junit", junit.toString());
            assertEquals(5, r.code(), r::toString);
            assertTrue(Files.size(report) > 0 && Files.size(junit) > 0, r::toString);
            assertTrue(Files.readString(report, StandardCharsets.UTF_8).contains("\"exit_code\": 5"), r::toString);
        }
    }

    @Test
    void aPasswordInTheUrlIsNeverPrinted() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> c.close(1001, "going away"))) {
            String url = "ws://feeduser:hunter2-not-for-logs@127.0.0.1:" + s.uri().getPort();
            Run r = Run.of("verify", "--ws-url", url, "--rest-url", "http://u:rest-secret-pw@127.0.0.1:9",
                    "--duration", "1s", "-v");
            assertFalse((r.out() + r.err()).contains("hunter2-not-for-logs"), r::toString);
            assertFalse((r.out() + r.err()).contains("rest-secret-pw"), r::toString);
        }
    }

    @Test
    void flagsThatCannotMeanAnythingAreUsageErrorsBeforeAnyConnection() {
        String[][] bad = {
            {"verify", "--sim", "--duration", "99999999999h"},
            {"connect", "--timeout", "99999999999h", "--sim"},
            {"connect", "--ws-url", "ws://127.0.0.1:99999"},
            {"connect", "--ws-url", "ws://127.0.0.1:0"},
            {"verify", "--sim", "--max-deviation-bps", "NaN"},
            {"verify", "--sim", "--max-deviation-bps", "Infinity"},
            {"verify", "--sim", "--rest-budget", "1e-12"},
            {"probe", "--sim", "--max-deviation-bps", "NaN"}};
        for (String[] args : bad) {
            Run r = Run.of(args);
            assertEquals(2, r.code(), r::toString);
            assertFalse(r.err().contains("internal error"), r::toString);
        }
    }

    @Test
    void keyAndCaFilesThatCannotBeWhatTheyClaimFailAtOnceNamingTheFile() throws Exception {
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[200_000]);
        Path garbage = dir.resolve("ca.pem");
        Files.writeString(garbage, "not a certificate\n");
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String key : new String[] {"/dev/zero", dir.toString(), big.toString(), fifo.toString()}) {
            Run r = Run.of("connect", "--sim", "--key-file", key);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains(key), r::toString);
        }
        for (String ca : new String[] {"/dev/zero", dir.toString(), garbage.toString(), fifo.toString()}) {
            Run r = Run.of("connect", "--sim", "--ca-file", ca);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains(ca), r::toString);
        }
    }

    @Test
    void aMessageThatNeverEndsIsCutAtTheLimitWith1009() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> new Thread(() -> {
            java.nio.ByteBuffer chunk = java.nio.ByteBuffer.wrap("x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
            c.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT, chunk.duplicate(), false);
            for (int i = 0; i < 10_000 && c.isOpen(); i++) { // 640 MB if nobody stops it
                c.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT, chunk.duplicate(), false);
            }
        }).start())) {
            Run r = Run.of("subscribe", "--ws-url", s.uri().toString(), "--max-message-size", "1048576", "--count", "1");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("1009") && r.err().contains("limit 1048576 bytes"), r::toString);
        }
    }

    @Test
    void absurdAndNonPositivePricesAreViolationsNotArithmetic() throws Exception {
        String ticker = "{\"channel\":\"ticker\",\"timestamp\":\"2026-04-07T14:30:03Z\",\"sequence_num\":%d,"
                + "\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":"
                + "\"BTC-USD\",\"price\":\"%s\",\"volume_24_h\":\"1\",\"low_24_h\":\"1\",\"high_24_h\":\"1\","
                + "\"price_percent_chg_24_h\":\"1\"}]}]}";
        try (HostileServer s = HostileServer.onSubscribe(c -> {
            c.send("{\"channel\":\"subscriptions\",\"timestamp\":\"2026-04-07T14:30:03Z\",\"sequence_num\":0,"
                    + "\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\"]}}]}");
            c.send(String.format(ticker, 1, "1E+100000000"));
            c.send(String.format(ticker, 2, "1E+999999999"));
            c.send(String.format(ticker, 3, "-1"));
        })) {
            Run r = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--no-heartbeats", "--duration", "1500ms");
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.out().contains("ticker.price-not-decimal") && r.out().contains("FAIL schema"), r::toString);
            assertFalse(r.err().contains("internal error"), r::toString);
        }
    }

    @Test
    void aFeedSentAsBinaryFramesIsNamedNotCalledSilent() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> {
            c.send("{\"channel\":\"subscriptions\",\"timestamp\":\"2026-04-07T14:30:03Z\",\"sequence_num\":0,"
                    + "\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\"]}}]}");
            for (int i = 0; i < 5; i++) {
                c.send("{\"channel\":\"ticker\"}".getBytes(StandardCharsets.UTF_8));
            }
        })) {
            Run r = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--no-heartbeats", "--duration", "1500ms");
            assertTrue(r.code() != 0, r::toString);
            assertTrue(r.out().contains("5 binary frames") && r.out().contains("frame.binary"), r::toString);
        }
    }

    @Test
    void serverTextCannotDriveTheTerminalOrForgeALine() throws Exception {
        String evil = "\u001b]0;owned\u0007\r\nPASS connection";
        try (HostileServer s = HostileServer.onSubscribe(c -> c.close(4000, evil))) {
            Run sub = Run.of("subscribe", "--ws-url", s.uri().toString(), "--count", "1");
            Run ver = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--duration", "1500ms");
            for (Run r : new Run[] {sub, ver}) {
                String all = r.out() + r.err();
                assertFalse(all.contains("\u001b") || all.contains("\u0007") || all.contains("\r"), r::toString);
                assertTrue(all.contains("\\x1b]0;owned"), r::toString);
                assertFalse(all.lines().anyMatch(l -> l.startsWith("PASS connection")), r::toString);
            }
        }
        try (HostileServer s = HostileServer.onSubscribe(c -> c.send("{\"type\":\"error\",\"message\":\""
                + "bad\\u001b[2J\\nFAIL nothing\"}"))) {
            Run r = Run.of("subscribe", "--ws-url", s.uri().toString(), "--count", "1");
            assertEquals(5, r.code(), r::toString);
            assertFalse(r.err().contains("\u001b"), r::toString);
            assertFalse(r.err().lines().anyMatch(l -> l.startsWith("FAIL nothing")), r::toString);
        }
    }

    @Test
    void probeFailsAnErrorAfterTheAckAndAFeedThatStopsEarly() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> {
            c.send("{\"channel\":\"subscriptions\",\"timestamp\":\"2026-04-07T14:30:03Z\",\"sequence_num\":0,"
                    + "\"events\":[{\"subscriptions\":{\"heartbeats\":[\"heartbeats\"],\"ticker\":[\"BTC-USD\"]}}]}");
            c.send("{\"type\":\"error\",\"message\":\"authentication failure\"}");
        })) {
            Run r = Run.of("probe", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9",
                    "--duration", "1500ms");
            assertTrue(r.code() != 0, r::toString); // REST at 127.0.0.1:9 fails too, and connection (3) ranks first
            assertTrue(r.out().contains("FAIL subscribe-ack") && r.out().contains("then server error "
                    + "\"authentication failure\""), r::toString);
        }
        // everything stops after 1 s while the socket stays open: the silence up to the end of the window counts
        Run stalled = Run.of("probe", "--sim=stall-all", "--duration", "3500ms");
        assertEquals(1, stalled.code(), stalled::toString);
        assertTrue(stalled.out().contains("FAIL heartbeats") && (stalled.out().contains("heartbeats stopped")
                || stalled.out().contains("no heartbeat arrived")), stalled::toString);
    }

    @Test
    void a101ThatIsNotAWebSocketHandshakeIsNotAConnection() throws Exception {
        for (String answer : new String[] {"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n", "HTTP/1.1 101\r\n\r\n"}) {
            try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName(
                    "127.0.0.1"))) {
                Thread t = new Thread(() -> {
                    try (java.net.Socket s = server.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            // the client's upgrade request
                        }
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                        Thread.sleep(2000);
                    } catch (Exception done) {
                        // the client hung up
                    }
                });
                t.setDaemon(true);
                t.start();
                Run r = Run.of("connect", "--ws-url", "ws://127.0.0.1:" + server.getLocalPort());
                assertEquals(3, r.code(), r::toString);
                assertTrue(r.out().contains("answered 101 but the handshake is invalid"), r::toString);
                assertFalse(r.out().contains("upgrade        ok"), r::toString);
            }
        }
    }

    @Test
    void aServerThatNeverAnswersCostsTheTimeoutNotMore() throws Exception {
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = mute.accept()) { // takes the connection and says nothing
                    Thread.sleep(10_000);
                } catch (Exception done) {
                    // the client gave up, as it should
                }
            });
            t.setDaemon(true);
            t.start();
            long t0 = System.nanoTime();
            Run r = Run.of("verify", "--ws-url", "ws://127.0.0.1:" + mute.getLocalPort(), "--rest-url",
                    "http://127.0.0.1:9", "--duration", "1s", "--timeout", "1500ms");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.out().contains("no answer to the upgrade within 1.5 s"), r::toString);
            assertTrue(ms < 1000 + 1500 + 1500, "took " + ms + " ms; --duration 1s plus --timeout 1.5s, and a margin");
        }
    }

    /** A valid ticker frame for {@code product}, numbered {@code seq}. */
    static String ticker(String product, long seq) {
        return "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"" + java.time.Instant.now()
                + "\",\"sequence_num\":" + seq + ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":"
                + "\"ticker\",\"product_id\":\"" + product + "\",\"price\":\"21932.98\",\"volume_24_h\":\"16038.2\","
                + "\"low_24_h\":\"21835.29\",\"high_24_h\":\"23011.18\",\"low_52_w\":\"15460\",\"high_52_w\":"
                + "\"48240\",\"price_percent_chg_24_h\":\"-4.15\",\"best_bid\":\"21931.98\",\"best_bid_quantity\":"
                + "\"8000.21\",\"best_ask\":\"21933.98\",\"best_ask_quantity\":\"8038.07\"}]}]}";
    }

    @Test
    void productsTheServerInventsAreViolationsAndGetNoState() throws Exception {
        try (HostileServer s = HostileServer.onSubscribe(c -> {
            c.send("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"" + java.time.Instant.now()
                    + "\",\"sequence_num\":0,\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\"]}}]}");
            c.send(ticker("BTC-USD", 1));
            for (int i = 0; i < 500; i++) {
                c.send(ticker("X" + i + "-USD", i + 2));
            }
        })) {
            Path report = dir.resolve("r.json");
            Run r = Run.of("verify", "--ws-url", s.uri().toString(), "--rest-url", "http://127.0.0.1:9", "-c",
                    "ticker", "--no-heartbeats", "--duration", "1500ms", "--report", report.toString());
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.out().contains("frame.unsubscribed-product") && r.out().contains("which was not subscribed"),
                    r::toString);
            String doc = Files.readString(report);
            assertTrue(doc.contains("\"frame.unsubscribed-product\": 500"), doc);
            assertFalse(doc.contains("X499-USD\": {"), "no per-product state for invented ids");

            Run tail = Run.of("tail", "--ws-url", s.uri().toString(), "-c", "ticker", "--no-heartbeats",
                    "--duration", "1500ms");
            assertEquals(0, tail.code(), tail::toString);
            assertFalse(tail.out().contains("X1-USD"), "only the subscribed product is shown: " + tail);
            assertTrue(tail.err().contains("violation frame.unsubscribed-product: data for X1-USD on ticker"),
                    tail::toString);
            Run sub = Run.of("subscribe", "--ws-url", s.uri().toString(), "-c", "ticker", "--no-heartbeats",
                    "--duration", "1s");
            assertTrue(sub.err().contains("violation frame.unsubscribed-product at $.events[*].product_id "
                    + "(sequence_num 3): data for X1-USD on ticker, which was not subscribed"), sub::toString);
            assertTrue(tail.out().contains("\"product\":\"BTC-USD\""), tail::toString);
        }
    }

    @Test
    void restThatAnswersWithAnHtmlPageIsNamedAsSuch() throws Exception {
        com.sun.net.httpserver.HttpServer html = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 5);
        html.createContext("/", ex -> {
            byte[] page = "<!DOCTYPE html><html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(404, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        html.start();
        try (dev.feedctl.sim.ExchangeSimulator sim = dev.feedctl.sim.ExchangeSimulator.start(
                dev.feedctl.sim.SimConfig.defaults())) {
            String rest = "http://127.0.0.1:" + html.getAddress().getPort();
            Run probe = Run.of("probe", "--ws-url", sim.wsUri().toString(), "--rest-url", rest, "--duration", "1s");
            assertTrue(probe.out().contains("answered HTTP 404 with an HTML page, not Advanced Trade JSON")
                    && probe.out().contains("--rest-url must be the Advanced Trade REST base"), probe::toString);
            Run verify = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", rest, "--duration", "2s");
            assertTrue(verify.out().contains("REST gave no price: HTTP 404 with an HTML page"), verify::toString);
            assertFalse(verify.out().contains("run longer"), verify::toString);
        } finally {
            html.stop(0);
        }
    }

    @Test
    void aServerEchoingOnlyTheJwtSignatureDoesNotGetItPrinted() throws Exception {
        Path key = dev.feedctl.TestKeys.keyFile(dir, dev.feedctl.TestKeys.NAME,
                dev.feedctl.TestKeys.sec1Pem(dev.feedctl.TestKeys.ec()));
        String[] signature = {null};
        try (HostileServer s = HostileServer.onSubscribeMessage((c, message) -> {
            String jwt = Json.parse(message).getAsJsonObject().get("jwt").getAsString();
            signature[0] = jwt.substring(jwt.lastIndexOf('.') + 1);
            c.send("{\"type\":\"error\",\"message\":\"signature " + signature[0] + " rejected\"}");
        })) {
            Run r = Run.of("subscribe", "--ws-url", s.uri().toString(), "--key-file", key.toString(), "-c", "user",
                    "--no-heartbeats", "--count", "1", "-v");
            assertTrue(r.code() == 4 || r.code() == 5, r::toString);
            assertTrue(signature[0] != null && signature[0].length() > 40, "the server saw a signed subscribe");
            assertFalse((r.out() + r.err()).contains(signature[0]), "the echoed signature is redacted\n" + r);
            assertTrue(r.err().contains("rejected"), r::toString);
        }
    }
}
