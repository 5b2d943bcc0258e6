package dev.feedctl.cli;

import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

@Timeout(60)
class VerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAVersionedJsonReportAndJunitXmlEvenWhenItFails() throws Exception {
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("junit.xml");
        Run r = Run.of("verify", "--sim=gaps", "--duration", "2s", "--report", report.toString(), "--junit",
                junit.toString());
        assertEquals(1, r.code(), r::toString);
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals("feedctl.report/1", doc.get("schema").getAsString());
        assertEquals("FAIL", doc.get("verdict").getAsString());
        assertEquals(1, doc.get("exit_code").getAsInt());
        JsonObject seq = doc.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(c -> c.get("name").getAsString().equals("sequence")).findFirst().orElseThrow();
        assertEquals("FAIL", seq.get("status").getAsString());
        assertTrue(seq.get("diagnosis").getAsString().contains("sequence gaps"));
        assertTrue(seq.getAsJsonObject("data").get("gaps").getAsInt() > 0);
        assertTrue(doc.getAsJsonObject("facts").getAsJsonObject("rest").get("calls").getAsInt() > 0);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
        assertEquals(12, xml.getElementsByTagName("testcase").getLength());
        assertTrue(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue().contains("sequence gaps"));
    }

    /** Without a priced channel no REST price is ever compared: REST is asked for its clock only, not every second. */
    @Test
    void withoutATickerRestIsAskedForItsClockOnlyNotForPricesNobodyCompares() {
        Run r = Run.of("verify", "--sim", "--duration", "2500ms", "-c", "level2", "--no-exact-checks", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        JsonObject doc = Json.parse(r.out()).getAsJsonObject();
        JsonObject rest = doc.getAsJsonObject("facts").getAsJsonObject("rest");
        assertEquals(1, rest.get("calls").getAsInt(), "GET /time only: " + r);
        assertTrue(rest.get("clock_skew_ms").isJsonPrimitive(), "the skew is still measured: " + r);
        JsonObject price = doc.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(c -> c.get("name").getAsString().equals("rest-price")).findFirst().orElseThrow();
        assertEquals("SKIP", price.get("status").getAsString());
        assertTrue(price.get("evidence").getAsString().contains("REST calls 1,"), price.toString());

        Run priced = Run.of("verify", "--sim", "--duration", "2500ms", "-c", "ticker", "-o", "json");
        assertEquals(0, priced.code(), priced::toString);
        assertTrue(Json.parse(priced.out()).getAsJsonObject().getAsJsonObject("facts").getAsJsonObject("rest")
                .get("calls").getAsInt() > 1, "a priced run samples REST's prices: " + priced);
    }

    /** The report on stdout, and its figures in the same order every run ({@code Map.of}'s order changes per JVM). */
    @Test
    void jsonOutputIsTheReportOnStdoutWithFiguresInAFixedOrder() {
        Run r = Run.of("verify", "--sim", "--duration", "2s", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        JsonObject doc = Json.parse(r.out()).getAsJsonObject();
        assertEquals("PASS", doc.get("verdict").getAsString());
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        doc.getAsJsonArray("checks").forEach(e -> {
            JsonObject c = e.getAsJsonObject();
            assertFalse(c.get("status").getAsString().equals("FAIL"), c.toString());
            keys.put(c.get("name").getAsString(), String.join(",", c.getAsJsonObject("data").keySet()));
        });
        assertEquals("frames,gaps,missing,duplicates,regressions", keys.get("sequence"), keys::toString);
        assertEquals("count,counter_breaks,longest_silence_ms", keys.get("heartbeats"), keys::toString);
    }

    @Test
    void aKeyIsProvenOnPrivateChannelsAndNeverWrittenOut() throws Exception {
        String pem = TestKeys.sec1Pem(TestKeys.ec());
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, pem);
        Path report = dir.resolve("r.json");
        Run r = Run.of("verify", "--sim", "--key-file", key.toString(), "-c", "ticker,user", "--duration", "2s",
                "--report", report.toString(), "-v");
        assertEquals(0, r.code(), r::toString);
        String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (String text : new String[] {r.out(), r.err(), Files.readString(report)}) {
            assertFalse(text.contains(body), "key material leaked");
            assertFalse(text.matches("(?s).*eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{20,}.*"),
                    "signed JWT leaked");
        }
    }

    @Test
    void clockSkewIsNamedWhenTheKeyIsRejected() throws Exception {
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        Run r = Run.of("verify", "--sim=clock-skew", "--key-file", key.toString(), "--duration", "2s");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.out().contains("JWT expired: clock skew 140 s"), r::toString);
    }

    @Test
    void diagnosesThatNeedNoConnection() {
        Run legacyName = Run.of("verify", "--sim", "-c", "matches");
        assertEquals(2, legacyName.code(), legacyName::toString);
        assertTrue(legacyName.err().contains("Advanced Trade calls it market_trades"), legacyName::toString);
        Run noKey = Run.of("verify", "--sim", "-c", "futures_balance_summary");
        assertEquals(4, noKey.code(), noKey::toString);
        Run legacyHost = Run.of("verify", "--ws-url", "wss://ws-feed.pro.coinbase.com", "--rest-url",
                "http://127.0.0.1:9", "--duration", "1s");
        assertEquals(5, legacyHost.code(), legacyHost::toString);
        assertTrue(legacyHost.out().contains("retired Coinbase Pro host") && legacyHost.out().contains(
                "use wss://advanced-trade-ws.coinbase.com"), legacyHost::toString);
    }

    @Test
    void slowAndSnapshotOnlyChannelsAreJudgedByWhatTheyCanSend() {
        Run batch = Run.of("verify", "--sim", "-c", "ticker_batch", "--duration", "6s");
        assertEquals(0, batch.code(), batch::toString);
        assertTrue(batch.out().contains("needed 2") && batch.out().contains("limit 6.0 s"), batch::toString);
        Run status = Run.of("verify", "--sim", "-c", "status", "--duration", "1500ms");
        assertEquals(0, status.code(), status::toString);
        assertTrue(status.out().contains("PASS messages       valid data frames per channel: status 1,"),
                status::toString);
        assertTrue(status.out().contains("SKIP freshness"), status::toString);
    }

    @Test
    void aliasesAreMappedBeforeComparing() {
        Run r = Run.of("verify", "--sim", "-p", "BTC-USDC", "--duration", "2500ms");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("PASS rest-price") && r.out().contains("on BTC-USD"), r::toString);
    }
}
