package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code verify --replay} claims only what the recording shows: an empty file passes nothing and invents no product,
 * bare frames say nothing of the connection, a run too short for heartbeats is not a heartbeat PASS, and a
 * {@code tail --record} file is judged on every connection it holds, with the verdict a live verify reaches.
 */
@Timeout(90)
class ReplayEvidenceTest {

    @TempDir
    Path dir;

    private static JsonObject report(Run r) {
        return Json.parse(r.out()).getAsJsonObject();
    }

    private static JsonObject check(JsonObject doc, String name) {
        for (var c : doc.getAsJsonArray("checks")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no check " + name + " in " + doc);
    }

    private static Map<String, String> statuses(JsonObject doc) {
        Map<String, String> out = new LinkedHashMap<>();
        doc.getAsJsonArray("checks").forEach(c -> out.put(c.getAsJsonObject().get("name").getAsString(),
                c.getAsJsonObject().get("status").getAsString()));
        return out;
    }

    /** The text report says the same as the JSON one: the check's line starts with its status. */
    private void textSays(Path file, String status, String check) {
        Run text = replay(file);
        assertTrue(text.outLines().stream().anyMatch(l -> l.matches(status + " +" + check + " .*")), status + " "
                + check + "\n" + text);
    }

    private Run replay(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--replay", file.toString()));
        args.addAll(List.of(extra));
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void anEmptyRecordingPassesNothingAndInventsNoProduct() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
        Run text = replay(empty);
        assertEquals(1, text.code(), text::toString);
        assertFalse(text.out().contains("PASS"), "nothing was observed, so nothing passes\n" + text);
        assertFalse(text.out().contains("BTC-USD"), "no product is invented\n" + text);
        assertTrue(text.out().contains("FAIL messages"), text::toString);
        assertTrue(text.out().contains("SKIP connection") && text.out().contains("it shows no connection"),
                text::toString);

        Run json = replay(empty, "-o", "json");
        assertEquals(1, json.code(), json::toString);
        JsonObject doc = report(json);
        assertEquals("FAIL", doc.get("verdict").getAsString());
        Map<String, String> st = statuses(doc);
        for (String skipped : List.of("acknowledged", "format", "connection", "schema", "sequence", "heartbeats",
                "freshness")) {
            assertEquals("SKIP", st.get(skipped), skipped + " in " + st);
        }
        assertEquals("FAIL", st.get("messages"), st::toString);
        JsonObject facts = doc.getAsJsonObject("facts");
        assertEquals(0, facts.getAsJsonArray("products").size(), facts::toString);
        assertFalse(facts.has("ws_url") || facts.has("duration_ms") || facts.has("authenticated"), "a replay "
                + "contacts no URL, runs no duration, and cannot tell whether it was signed: " + facts);

        Path junit = dir.resolve("junit.xml");
        Run withJunit = replay(empty, "--junit", junit.toString());
        assertEquals(1, withJunit.code(), withJunit::toString);
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testcase classname=\"feedctl.verify\" name=\"format\">"), xml);
        assertFalse(xml.contains("<testcase classname=\"feedctl.verify\" name=\"format\" time="), "an untimed check "
                + "has no time\n" + xml);
    }

    @Test
    void bareFramesDoNotShowTheConnectionAndTheirEvidenceStillCounts() throws Exception {
        Run rec = Run.of("subscribe", "--sim", "--annotate", "--duration", "2500ms");
        List<String> raw = new ArrayList<>();
        for (String line : rec.outLines()) {
            var o = Json.parse(line).getAsJsonObject();
            if (o.has("frame")) {
                raw.add(Json.COMPACT.toJson(o.get("frame")));
            }
        }
        Path file = Files.write(dir.resolve("raw.ndjson"), raw);
        Run r = replay(file, "-o", "json");
        JsonObject doc = report(r);
        JsonObject connection = check(doc, "connection");
        assertEquals("SKIP", connection.get("status").getAsString(), r::toString);
        assertTrue(connection.get("evidence").getAsString().startsWith("a raw recording does not show the "
                + "connection"), r::toString);
        assertEquals("PASS", check(doc, "sequence").get("status").getAsString(), r::toString);
        assertEquals("PASS", check(doc, "messages").get("status").getAsString(), r::toString);
        assertEquals(0, r.code(), r::toString);
        textSays(file, "SKIP", "connection");
        // a bare frame's only time is its own timestamp: a lag measured against it would be a constant 0
        assertFalse(doc.getAsJsonObject("facts").getAsJsonObject("evidence").has("exchange_lag_ms"), r::toString);
    }

    @Test
    void noHeartbeatInARunTooShortToJudgeIsASkipNotAPass() throws Exception {
        Run rec = Run.of("subscribe", "--sim", "--annotate", "--duration", "1200ms");
        List<String> kept = rec.outLines().stream().filter(l -> !l.contains("\"channel\":\"heartbeats\"")).toList();
        Path file = Files.write(dir.resolve("no-heartbeats.ndjson"), kept);
        Run r = replay(file, "-o", "json");
        JsonObject hb = check(report(r), "heartbeats");
        assertEquals("SKIP", hb.get("status").getAsString(), r::toString);
        assertTrue(hb.get("evidence").getAsString().contains("too short to judge"), r::toString);
        textSays(file, "SKIP", "heartbeats");
    }

    /** One tail recording per scenario, shared by the tests that read or edit it (each gets its own copy). */
    private static final Map<String, List<String>> RECORDED = new java.util.HashMap<>();

    private static synchronized List<String> recorded(String scenario, Path dir) throws Exception {
        if (!RECORDED.containsKey(scenario)) {
            Path file = dir.resolve(scenario + "-recorded.ndjson");
            // 1.5 s per connection: 6 s holds several even when a busy machine slows the simulator down
            Run tail = Run.of("tail", "--sim=" + scenario, "--record", file.toString(), "--duration", "6s", "-o",
                    "ndjson");
            assertEquals(0, tail.code(), tail::toString);
            RECORDED.put(scenario, List.copyOf(Files.readAllLines(file)));
        }
        return RECORDED.get(scenario);
    }

    private Path tailRecording(String scenario) throws Exception {
        return Files.write(dir.resolve(scenario + ".ndjson"), recorded(scenario, dir));
    }

    private static long connections(List<String> lines) {
        return lines.stream().map(l -> Json.parse(l).getAsJsonObject().get("connection").getAsLong()).distinct()
                .count();
    }

    @ParameterizedTest(name = "tail --sim={0} --record, then verify --replay: exit {1}, every connection judged")
    @CsvSource({"going-away, 3", "abrupt-drop, 3"})
    void aRecordingAcrossReconnectsIsJudgedOnEveryConnection(String scenario, int exit) throws Exception {
        Path file = tailRecording(scenario);
        List<String> lines = Files.readAllLines(file);
        long connections = connections(lines);
        long closes = lines.stream().filter(l -> l.contains("\"closed\":{")).count();
        assertTrue(connections >= 2 && closes >= 1, "a recording across reconnects: " + connections);

        Run live = Run.of("verify", "--sim=" + scenario, "--duration", "2500ms");
        Run r = replay(file, "-o", "json");
        assertEquals(live.code(), r.code(), "the verdict a live verify reaches\n" + live + r);
        assertEquals(exit, r.code(), r::toString);
        assertFalse(r.out().contains("the run ended before there was evidence"), r::toString);
        JsonObject doc = report(r);
        assertEquals(connections, doc.getAsJsonObject("facts").get("connections").getAsLong(), r::toString);

        // the recording holds the acknowledgements, not the subscribes: no latency is made up for them
        // (a span of the recording itself, "ends 0 ms after it opened", may be named: it is in the file)
        assertFalse(java.util.regex.Pattern.compile("[a-z_]+ in [0-9.]+ m?s\\b").matcher(check(doc, "acknowledged")
                .get("evidence").getAsString()).find(), r::toString);
        JsonObject connection = check(doc, "connection");
        assertEquals("FAIL", connection.get("status").getAsString(), r::toString);
        assertTrue(connection.get("evidence").getAsString().contains("connection 1 closed by"), r::toString);
        assertTrue(connection.get("evidence").getAsString().contains("until connection 2"), r::toString);
        JsonObject data = connection.getAsJsonObject("data");
        assertEquals(closes, data.getAsJsonArray("closes").size(), r::toString);
        JsonObject outage = data.getAsJsonArray("outages").get(0).getAsJsonObject();
        assertEquals("2", outage.get("next_connection").getAsString(), r::toString);
        assertTrue(outage.get("downtime_ms").getAsLong() >= 0, r::toString);

        JsonObject sequence = check(doc, "sequence");
        assertEquals("PASS", sequence.get("status").getAsString(), r::toString);
        assertTrue(sequence.get("evidence").getAsString().contains("over " + connections + " connections"),
                r::toString);
        assertTrue(check(doc, "heartbeats").get("evidence").getAsString().contains("over " + connections
                + " connections"), r::toString);
        assertEquals("PASS", check(doc, "messages").get("status").getAsString(), r::toString);
        assertEquals("PASS", check(doc, "schema").get("status").getAsString(), r::toString);
        assertEquals("PASS", check(doc, "freshness").get("status").getAsString(), r::toString);
        textSays(file, "FAIL", "connection");
        textSays(file, "PASS", "sequence");
    }

    @Test
    void aGapOnTheSecondConnectionFailsNamingIt() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(tailRecording("going-away")));
        List<Integer> tickers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"connection\":2,") && lines.get(i).contains("\\\"channel\\\":\\\"ticker\\\"")) {
                tickers.add(i);
            }
        }
        assertTrue(tickers.size() >= 3, "connection 2 carried tickers: " + tickers);
        lines.remove((int) tickers.get(tickers.size() / 2)); // a frame lost in the middle of connection 2
        Path file = Files.write(dir.resolve("gap-on-2.ndjson"), lines);

        Run r = replay(file, "-o", "json");
        JsonObject sequence = check(report(r), "sequence");
        assertEquals("FAIL", sequence.get("status").getAsString(), r::toString);
        assertTrue(sequence.get("diagnosis").getAsString().contains("on connection 2"), r::toString);
        assertEquals("2", sequence.getAsJsonObject("data").get("first_broken_connection").getAsString());
        assertEquals(1, sequence.getAsJsonObject("data").get("gaps").getAsLong(), r::toString);
        assertEquals(3, r.code(), "the closes rank first (connection before evidence)\n" + r);
        Run text = replay(file);
        assertTrue(text.out().contains("FAIL sequence"), text::toString);
    }

    @Test
    void aLaterConnectionWithoutItsAcknowledgementIsNamed() throws Exception {
        List<String> recorded = recorded("going-away", dir);
        // connection 2 as recorded, its acknowledgements taken out
        List<String> lines = new ArrayList<>(recorded);
        lines.removeIf(l -> l.contains("\"connection\":2,") && l.contains("\\\"channel\\\":\\\"subscriptions\\\""));
        Path file = Files.write(dir.resolve("no-ack-on-2.ndjson"), lines);
        Run r = replay(file, "--timeout", "100ms", "-o", "json");
        JsonObject acknowledged = check(report(r), "acknowledged");
        assertEquals("FAIL", acknowledged.get("status").getAsString(), r::toString);
        assertTrue(acknowledged.get("diagnosis").getAsString().startsWith("connection 2: no subscriptions "
                + "acknowledgement for heartbeats, ticker within 100 ms"), r::toString);
        assertEquals(3, r.code(), "connection 1's close ranks first\n" + r);
        textSays(file, "FAIL", "acknowledged");

        // a connection that closed before its acknowledgement came (within --timeout) is named as closed
        String closed = recorded.stream().filter(l -> l.contains("\"closed\":{")).map(l -> Json.parse(l)
                .getAsJsonObject().get("connection").getAsString()).filter(c -> !c.equals("1")).findFirst()
                .orElse(null);
        if (closed != null) { // the recording holds a later connection that closed (a busy machine may cut it)
            List<String> noAck = new ArrayList<>(recorded);
            noAck.removeIf(l -> l.contains("\"connection\":" + closed + ",") && l.contains("subscriptions"));
            Run c = replay(Files.write(dir.resolve("closed-before-ack.ndjson"), noAck), "-o", "json");
            assertTrue(check(report(c), "acknowledged").get("diagnosis").getAsString().startsWith("connection "
                    + closed + " closed before "), c::toString);
        }
    }

    @Test
    void oneSequenceNumberHasNoOrderToJudgeAndAnAcknowledgementAloneIsNoPass() throws Exception {
        String ack = "{\"received_at\":\"2026-12-06T01:13:57.512436617Z\",\"connection\":1,\"shard\":0,\"frame\":"
                + "\"{\\\"channel\\\":\\\"subscriptions\\\",\\\"timestamp\\\":\\\"2026-12-06T01:13:57.5Z\\\","
                + "\\\"sequence_num\\\":0,\\\"events\\\":[{\\\"subscriptions\\\":{\\\"heartbeats\\\":"
                + "[\\\"heartbeats\\\"]}}]}\"}";
        Path file = Files.writeString(dir.resolve("ack-only.ndjson"), ack + "\n");
        Run r = replay(file, "-o", "json");
        JsonObject doc = report(r);
        assertEquals("PASS", check(doc, "acknowledged").get("status").getAsString(), r::toString);
        assertEquals("SKIP", check(doc, "sequence").get("status").getAsString(), r::toString);
        assertEquals("SKIP", check(doc, "heartbeats").get("status").getAsString(), r::toString);
        // nothing judged the data: the gate cannot end in PASS on a valid acknowledgement alone
        JsonObject messages = check(doc, "messages");
        assertEquals("FAIL", messages.get("status").getAsString(), r::toString);
        assertTrue(messages.get("diagnosis").getAsString().startsWith("nothing observed shows the feed working"),
                r::toString);
        assertEquals(1, r.code(), r::toString);
        textSays(file, "SKIP", "sequence");
        textSays(file, "FAIL", "messages");
    }
}
