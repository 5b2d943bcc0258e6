package dev.feedctl.cli;

import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.TestTls;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConnectCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneTimedLinePerPhase() {
        Run r = Run.of("connect", "--sim");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("dns            ok"), r::toString);
        assertTrue(r.out().contains("tcp            ok"), r::toString);
        assertTrue(r.out().matches("(?s).*upgrade +ok +[0-9.]+ ms  status=101.*"), r::toString);
    }

    @Test
    void jsonIsOneDocument() {
        Run r = Run.of("connect", "--sim", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        JsonObject doc = Json.parse(r.out()).getAsJsonObject();
        assertTrue(doc.get("connected").getAsBoolean());
        assertEquals(3, doc.getAsJsonArray("steps").size());
        assertEquals("upgrade", doc.getAsJsonArray("steps").get(2).getAsJsonObject().get("step").getAsString());
    }

    @Test
    void holdingWithoutSubscribingExplainsTheSubscribeDeadline() {
        Run r = Run.of("connect", "--sim", "--hold", "7s");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("closed by server after"), r::toString);
        assertTrue(r.out().contains("subscribe deadline"), r::toString);
    }

    @Test
    void deprecatedHostnameCloseIsNamed() {
        Run r = Run.of("connect", "--sim=deprecated-hostname", "--hold", "2s");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.out().contains("1000 \"deprecated hostname\"") && r.out().contains("old Exchange/Pro/GDAX"),
                r::toString);
    }

    @Test
    void nothingListeningIsExit3() throws Exception {
        // a bound socket that does not listen holds the port for the whole test and refuses every connection
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Run r = Run.of("connect", "--ws-url", "ws://127.0.0.1:" + holder.getLocalPort());
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.out().contains("connection refused"), r::toString);
        }
    }

    @Test
    void refusedUpgradesShowTheirStatus() {
        Run r404 = Run.of("connect", "--sim=refuse-404");
        assertEquals(3, r404.code(), r404::toString);
        assertTrue(r404.out().contains("upgrade refused with HTTP 404"), r404::toString);
        Run r429 = Run.of("connect", "--sim=refuse-429");
        assertEquals(3, r429.code(), r429::toString);
        assertTrue(r429.out().contains("HTTP 429") && r429.out().contains("retry-after=1"), r429::toString);
    }

    @Test
    void untrustedCertificateFailsAndCaFileMakesItPass() throws Exception {
        TestTls tls = new TestTls(dir);
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.listening(0, 0, tls.serverContext))) {
            String url = sim.wsUri().toString();
            assertTrue(url.startsWith("wss://"));
            Run untrusted = Run.of("connect", "--ws-url", url);
            assertEquals(3, untrusted.code(), untrusted::toString);
            assertTrue(untrusted.out().contains("certificate not trusted") && untrusted.out().contains("--ca-file"),
                    untrusted::toString);
            Run trusted = Run.of("connect", "--ws-url", url, "--ca-file", tls.caPem.toString());
            assertEquals(0, trusted.code(), trusted::toString);
            assertTrue(trusted.out().contains("tls            ok") && trusted.out().contains("protocol=TLSv1."),
                    trusted::toString);
            Run sub = Run.of("subscribe", "--ws-url", url, "--ca-file", tls.caPem.toString(), "--count", "2");
            assertEquals(0, sub.code(), sub::toString);
        }
    }

    @Test
    void plaintextToAnotherHostIsRefusedBeforeConnecting() {
        Run r = Run.of("connect", "--ws-url", "ws://feed.example.invalid");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("clear text") && r.err().contains("--allow-plaintext"), r::toString);
        Run https = Run.of("subscribe", "--ws-url", "https://api.coinbase.com", "--count", "1");
        assertEquals(2, https.code(), https::toString);
        assertTrue(https.err().contains("is an HTTP URL, not a WebSocket URL"), https::toString);
    }
}
