package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** README's claims no other test showed, as a user meets them; docs/readme-audit.md names each one's line. */
@Timeout(30)
class ReadmeClaimsTest {

    @TempDir
    Path dir;

    /** README "Commands": the defaults it states are the ones each command's help states. */
    @Test
    void theDefaultsTheReadmeStatesAreTheOnesTheHelpShows() {
        assertHelp("verify", "How long to gather evidence. Default: 10s.", "needed per product. Default: 3.",
                "price difference allowed. Default: 50.", "without an update. Default: 5s.",
                "per second at most. Default: 5.", "Default: 67108864 (64 MiB).",
                "env FEEDCTL_WS_URL. Default: wss://advanced-trade-ws.coinbase.com", "env FEEDCTL_REST_URL",
                "timeout (500ms, 10s, 2m). Default: 10s.", "heartbeats is always added unless --no-heartbeats",
                "env COINBASE_API_KEY + COINBASE_API_SECRET", "NO_COLOR in the environment does the same");
        assertHelp("probe", "a close inside it fails. Default: 3s.");
        assertHelp("tail", "marked stale (default: 5s)", "it is dead, reconnect (default: 10s)",
                "(level2: at most 16) (default: 50)");
        assertHelp("monitor", "(default 127.0.0.1:9464)");
        assertHelp("exam", "to come back). Default: 30s.");
    }

    /** README "verify" table and "Reports": the default limits at work, and every field the report table names. */
    @Test
    void aHealthyVerifyShowsTheDefaultLimitsAndItsReportHasEveryNamedField() throws Exception {
        Path report = dir.resolve("r.json");
        Path junit = dir.resolve("j.xml");
        Run r = Run.of("verify", "--sim", "--duration", "1500ms", "--report", report.toString(), "--junit",
                junit.toString());
        assertEquals(0, r.code(), r::toString);
        for (String limit : List.of("needed 3", "limit 5.0 s", "(limit 50 bps)")) {
            assertTrue(r.out().contains(limit), limit + "\n" + r);
        }
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals(List.of("schema", "feedctl_version", "command", "started_at", "took_ms", "verdict", "exit_code",
                "checks", "facts"), List.copyOf(doc.keySet()));
        assertEquals("verify", doc.get("command").getAsString());
        assertNotNull(Instant.parse(doc.get("started_at").getAsString()));
        assertTrue(doc.get("took_ms").getAsLong() >= 1500, doc::toString);
        for (var e : doc.getAsJsonArray("checks")) {
            JsonObject c = e.getAsJsonObject();
            assertEquals(Set.of("name", "status", "evidence", "diagnosis", "fix", "exit_code_if_failed", "ms", "data"),
                    c.keySet(), c::toString);
            assertTrue(c.get("ms").isJsonNull() && c.get("exit_code_if_failed").isJsonNull(), c::toString);
            assertTrue(!"PASS".equals(c.get("status").getAsString())
                    || c.get("diagnosis").isJsonNull() && c.get("fix").isJsonNull(), c::toString);
        }
        JsonObject facts = doc.getAsJsonObject("facts");
        assertTrue(facts.keySet().containsAll(List.of("ws_url", "rest_url", "channels", "products", "authenticated",
                "duration_ms", "rest", "evidence", "interrupted")), facts::toString);
        assertTrue(facts.getAsJsonObject("rest").keySet().containsAll(List.of("calls", "refused_429",
                "server_errors", "clock_skew_ms")), facts::toString);
        JsonObject evidence = facts.getAsJsonObject("evidence");
        assertTrue(evidence.keySet().containsAll(List.of("frames", "data_frames", "frames_by_channel",
                "violations_by_rule", "drift_by_rule", "largest_frame_bytes", "reader_stalled_ms", "exchange_lag_ms")),
                evidence::toString);
        assertFalse(evidence.has("dropped_by_reader"), "gone since issue 20: " + evidence);
        assertTrue(evidence.getAsJsonObject("exchange_lag_ms").keySet().containsAll(List.of("p50", "p99", "p99_9",
                "max", "min")), evidence::toString);
        NodeList cases = xml(junit);
        assertEquals(doc.getAsJsonArray("checks").size(), cases.getLength(), "one testcase per check");
        for (int i = 0; i < cases.getLength(); i++) {
            assertFalse(((Element) cases.item(i)).hasAttribute("time"), "verify's checks are not timed");
        }
    }

    /** README "Reports": a WARN goes into JUnit's system-out, and REST's 429s are counted in the report. */
    @Test
    void aRateLimitedRestIsAWarnInJunitSystemOutAndCountedInTheReport() throws Exception {
        Path report = dir.resolve("r.json");
        Path junit = dir.resolve("j.xml");
        Run r = Run.of("verify", "--sim=rest-429", "--duration", "1500ms", "--report", report.toString(), "--junit",
                junit.toString());
        assertEquals(0, r.code(), "WARN does not fail the gate\n" + r);
        Element rest = testcase(xml(junit), "rest-price");
        assertEquals(0, rest.getElementsByTagName("failure").getLength(), r::toString);
        String out = rest.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.startsWith("WARN: REST rate-limited"), out);
        JsonObject facts = Json.parse(Files.readString(report)).getAsJsonObject().getAsJsonObject("facts");
        assertTrue(facts.getAsJsonObject("rest").get("refused_429").getAsInt() > 0, facts::toString);
    }

    /** README "Reports": a replay's facts add the recording's and lack the endpoint's; JUnit shows SKIP as skipped. */
    @Test
    void aReplaysReportHasTheRecordingsFactsAndNoneOfTheLiveOnes() throws Exception {
        Run rec = Run.of("subscribe", "--sim", "--annotate", "--duration", "1s");
        assertEquals(0, rec.code(), rec::toString);
        Path file = Files.writeString(dir.resolve("session.ndjson"), rec.out());
        Path report = dir.resolve("r.json");
        Path junit = dir.resolve("j.xml");
        Run r = Run.of("verify", "--replay", file.toString(), "--report", report.toString(), "--junit",
                junit.toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject facts = Json.parse(Files.readString(report)).getAsJsonObject().getAsJsonObject("facts");
        assertEquals(file.toString(), facts.get("replay").getAsString());
        assertEquals(1, facts.get("connections").getAsInt(), facts::toString);
        assertEquals(rec.outLines().size(), facts.get("recording_lines").getAsInt(), facts::toString);
        assertTrue(facts.get("recorded_ms").getAsLong() > 0, facts::toString);
        for (String live : List.of("ws_url", "rest_url", "duration_ms", "authenticated", "rest")) {
            assertFalse(facts.has(live), live + " in a replay: " + facts);
        }
        assertFalse(facts.getAsJsonObject("evidence").has("reader_stalled_ms"), facts::toString);
        Element restPrice = testcase(xml(junit), "rest-price");
        assertTrue(((Element) restPrice.getElementsByTagName("skipped").item(0)).getAttribute("message")
                .contains("REST is not consulted"), r::toString);
    }

    /** README "Reports": probe times each step (`ms`, JUnit `time`) and states only its target in `facts`. */
    @Test
    void probesReportTimesItsStepsAndItsFactsAreItsTarget() throws Exception {
        Path junit = dir.resolve("j.xml");
        Run r = Run.of("probe", "--sim", "--duration", "1s", "-o", "json", "--junit", junit.toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject doc = Json.parse(r.out()).getAsJsonObject();
        assertEquals("probe", doc.get("command").getAsString());
        JsonObject first = doc.getAsJsonArray("checks").get(0).getAsJsonObject();
        assertTrue("url-lint".equals(first.get("name").getAsString()) && first.get("ms").getAsDouble() >= 0,
                r::toString);
        assertEquals(List.of("ws_url", "rest_url", "channels", "products"),
                List.copyOf(doc.getAsJsonObject("facts").keySet()));
        assertTrue(testcase(xml(junit), "url-lint").hasAttribute("time"), "a timed probe step has its time");
    }

    /** README "verify": the earliest failing stage's code wins, and evidence before a close is still judged. */
    @Test
    void aCloseOutranksBrokenFramesAndTheFramesBeforeItAreStillJudged() {
        Run r = Run.of("verify", "--sim=going-away,malformed", "--duration", "2500ms");
        assertEquals(3, r.code(), "3 (connection) before 1 (evidence)\n" + r);
        assertTrue(r.out().contains("FAIL connection") && r.out().contains("1001"), r::toString);
        assertTrue(r.out().contains("FAIL schema") && r.out().contains("frames break the protocol"), r::toString);
    }

    /** README "Commands": FEEDCTL_WS_URL and FEEDCTL_REST_URL choose both URLs when no option does. */
    @Test
    void theEnvironmentChoosesBothUrls() {
        Run r = Run.with(Map.of("FEEDCTL_WS_URL", "ws://127.0.0.1:9", "FEEDCTL_REST_URL",
                "http://127.0.0.1:9"), "probe", "-o", "json", "--timeout", "2s");
        assertEquals(3, r.code(), "nothing listens on port 9\n" + r);
        JsonObject facts = Json.parse(r.out()).getAsJsonObject().getAsJsonObject("facts");
        assertEquals("ws://127.0.0.1:9", facts.get("ws_url").getAsString(), r::toString);
        assertEquals("http://127.0.0.1:9", facts.get("rest_url").getAsString(), r::toString);
    }

    /** README "tail", exit codes: an unwritable --record file is a usage error. */
    @Test
    void anUnwritableRecordFileIsExit2() {
        Path missing = dir.resolve("no-such-folder").resolve("rec.ndjson");
        Run r = Run.of("tail", "--sim", "--record", missing.toString(), "--duration", "3s");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("cannot write --record " + missing), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    /** README "exam": {ws} and {rest} in the command, and the same URLs in FEEDCTL_EXAM_WS_URL / _REST_URL. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void examGivesTheClientTheSimulatorsUrlsInItsArgumentsAndEnvironment() throws Exception {
        Path report = dir.resolve("exam.json");
        Run r = Run.of("exam", "--lessons", "subscribe", "--lesson-timeout", "1s", "--report", report.toString(),
                "--", "sh", "-c", "echo \"$FEEDCTL_EXAM_WS_URL $FEEDCTL_EXAM_REST_URL\"; echo '{ws} {rest}'");
        JsonObject facts = Json.parse(Files.readString(report)).getAsJsonObject().getAsJsonObject("facts");
        String urls = facts.get("ws_url").getAsString() + " " + facts.get("rest_url").getAsString();
        assertTrue(urls.matches("ws://127\\.0\\.0\\.1:\\d+ http://127\\.0\\.0\\.1:\\d+"), urls);
        assertEquals(List.of(urls, urls), facts.getAsJsonObject("client").getAsJsonArray("stdout_tail").asList()
                .stream().map(e -> e.getAsString()).toList(), r::toString);
    }

    private static void assertHelp(String command, String... phrases) {
        Run r = Run.of(command, "--help");
        assertEquals(0, r.code(), r::toString);
        String text = r.out().replaceAll("\\s+", " ");
        for (String p : phrases) {
            assertTrue(text.contains(p), command + " --help lacks \"" + p + "\"\n" + r.out());
        }
    }

    private static NodeList xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getElementsByTagName("testcase");
    }

    private static Element testcase(NodeList cases, String name) {
        return java.util.stream.IntStream.range(0, cases.getLength()).mapToObj(i -> (Element) cases.item(i))
                .filter(c -> name.equals(c.getAttribute("name"))).findFirst().orElseThrow();
    }
}
