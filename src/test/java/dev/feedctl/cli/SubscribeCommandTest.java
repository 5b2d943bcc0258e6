package dev.feedctl.cli;

import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.TestKeys;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SubscribeCommandTest {

    @TempDir
    Path dir;

    @Test
    void sendsOneAdvancedTradeSubscribePerChannelWithHeartbeatsAdded() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            Run r = Run.of("subscribe", "--ws-url", sim.wsUri().toString(), "-c", "ticker,level2", "-p",
                    "BTC-USD,ETH-USD", "--count", "3");
            assertEquals(0, r.code(), r::toString);
            assertEquals("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", sim.takeClientFrame(Duration.ZERO));
            assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}",
                    sim.takeClientFrame(Duration.ZERO));
            assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"level2\"}",
                    sim.takeClientFrame(Duration.ZERO));
        }
    }

    @Test
    void annotateWrapsFramesWithTimeSizeAndViolations() {
        Run r = Run.of("subscribe", "--sim=malformed", "--annotate", "--count", "12");
        assertEquals(0, r.code(), r::toString);
        JsonObject first = Json.parse(r.outLines().get(0)).getAsJsonObject();
        assertTrue(first.has("received_at") && first.has("bytes") && first.has("frame"), first::toString);
        assertTrue(r.outLines().stream().anyMatch(l -> l.contains("\"rule\":\"envelope.missing-field\"")), r::toString);
        assertTrue(r.outLines().stream().anyMatch(l -> l.contains("\"raw\":")), "bad JSON kept as raw text");
        assertTrue(r.err().contains("violation frame.not-json"), r::toString);
    }

    @Test
    void strictTurnsViolationsIntoExit1() {
        Run r = Run.of("subscribe", "--sim=malformed", "--strict", "--count", "12");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("protocol violations (--strict)"), r::toString);
    }

    @Test
    void noAckByTheTimeoutIsExit5NamingTheChannel() {
        Run r = Run.of("subscribe", "--sim=no-ack", "--timeout", "1s", "--count", "1");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("no subscriptions acknowledgement for heartbeats, ticker within"), r::toString);
    }

    @Test
    void closedBeforeTheAckIsExit3WithTheCloseCode() {
        Run r = Run.of("subscribe", "--sim=deprecated-hostname", "--count", "1");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("before the subscription was acknowledged: 1000 \"deprecated hostname\""),
                r::toString);
    }

    @Test
    void oversizedFrameNamesTheLimitAndTheFrameSize() {
        Run r = Run.of("subscribe", "--sim=big-snapshot", "-c", "level2", "--max-message-size", "1048576",
                "--count", "5");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("1009") && r.err().contains("limit 1048576 bytes, frame ")
                && r.err().contains("--max-message-size"), r::toString);
        Run ok = Run.of("subscribe", "--sim=big-snapshot", "-c", "level2", "--count", "2");
        assertEquals(0, ok.code(), ok::toString);
    }

    @Test
    void legacyExchangeIsExit5AndSaysWhatToChange() {
        Run r = Run.of("subscribe", "--sim=legacy-exchange", "--count", "1");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("legacy Exchange protocol") && r.err().contains("one \"channel\" per subscribe"),
                r::toString);
    }

    @Test
    void aServerErrorFrameIsExit5WithTheServersText() {
        StringBuilder products = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            products.append(i == 0 ? "" : ",").append("P").append(i).append("-USD");
        }
        Run r = Run.of("subscribe", "--sim", "-c", "level2", "-p", products.toString(), "--count", "1");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("too many L2 streams requested in a single session"), r::toString);
    }

    @Test
    void legacyChannelNamesAreCaughtBeforeConnecting() {
        for (String[] c : new String[][] {{"heartbeat", "heartbeats"}, {"matches", "market_trades"},
            {"full", "level2"}, {"l2_data", "level2"}}) {
            Run r = Run.of("subscribe", "--ws-url", "ws://127.0.0.1:9", "-c", c[0]);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("Advanced Trade calls it " + c[1]), r::toString);
        }
    }

    @Test
    void legacyHostsAreNamedBeforeConnecting() {
        Run r = Run.of("subscribe", "--ws-url", "wss://ws-feed.exchange.coinbase.com");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("legacy Coinbase Exchange feed") && r.err().contains(
                "wss://advanced-trade-ws.coinbase.com"), r::toString);
    }

    @Test
    void privateChannelWithoutAKeyIsExit4() {
        Run r = Run.of("subscribe", "--sim", "-c", "user");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("needs a CDP API key"), r::toString);
    }

    @Test
    void signedSubscribesReachPrivateChannels() throws Exception {
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        Run r = Run.of("subscribe", "--sim", "--key-file", key.toString(), "-c", "user,ticker", "--count", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"channel\":\"user\""), r::toString);
        Run ed = Run.with(Map.of("COINBASE_API_KEY", "ed-key", "COINBASE_API_SECRET",
                TestKeys.ed25519Raw(TestKeys.ed25519())), "subscribe", "--sim", "-c", "futures_balance_summary",
                "--count", "1");
        assertEquals(0, ed.code(), ed::toString);
    }

    @Test
    void aRejectedKeyIsExit4WithTheLikelyCause() throws Exception {
        KeyPair registered = TestKeys.ec();
        Path other = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, registered.getPublic())))) {
            Run r = Run.of("subscribe", "--ws-url", sim.wsUri().toString(), "--key-file", other.toString(),
                    "-c", "user");
            assertEquals(4, r.code(), r::toString);
            assertTrue(r.err().contains("the key was rejected") && r.err().contains("clock"), r::toString);
            assertEquals("bad signature", sim.authRejections().get(0));
        }
    }

    @Test
    void malformedKeyFileIsExit2() throws Exception {
        Path bad = dir.resolve("key.json");
        Files.writeString(bad, "{\"name\":\"" + TestKeys.NAME + "\",\"privateKey\":\"garbage!\"}");
        Run r = Run.of("subscribe", "--sim", "--key-file", bad.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("neither PEM nor valid base64"), r::toString);
    }

    @Test
    void secretsNeverReachOutputEvenVerbose() throws Exception {
        String pem = TestKeys.sec1Pem(TestKeys.ec());
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, pem);
        Run r = Run.of("subscribe", "--sim", "--key-file", key.toString(), "-v", "--annotate", "--count", "3");
        assertEquals(0, r.code(), r::toString);
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(r.out().contains(body) || r.err().contains(body), "no key material");
        assertTrue(r.err().contains("\"jwt\":\"eyJ") && r.err().contains(".…\""), "jwt shown without signature\n" + r);
        assertFalse(r.err().matches("(?s).*eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{20,}.*"),
                "no signed JWT in stderr\n" + r);
    }
}
