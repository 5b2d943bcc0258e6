package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.feedctl.exam.TestClients;
import dev.feedctl.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedctl exam} end to end: real client processes against the in-process simulator, graded lesson by lesson. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(90)
class ExamCommandTest {

    /**
     * The lesson timeout of tests whose client FAILs by waiting it out. Each client is a JVM started while up to 23
     * other tests run: on CI's 2 cores one took over 5 s to connect, and one over 4 s to reconnect after a drop.
     */
    private static final String LOADED = "15s";

    @TempDir
    Path dir;

    private static Run exam(List<String> options, List<String> client) {
        List<String> args = new ArrayList<>(List.of("exam"));
        args.addAll(options);
        args.add("--");
        args.addAll(client);
        return Run.of(args.toArray(String[]::new));
    }

    private static void assertLine(Run r, String prefix) {
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith(prefix)),
                "no line starting '" + prefix + "'\n" + r);
    }

    @Test
    void feedctlTailItselfPassesEveryLesson() throws Exception {
        Path report = dir.resolve("exam.json");
        Path junit = dir.resolve("exam.xml");
        Run r = exam(List.of("--lesson-timeout", "20s", "--report", report.toString(), "--junit", junit.toString()),
                TestClients.feedctlTail());
        assertEquals(0, r.code(), r.toString());
        for (String lesson : List.of("subscribe", "close-1001", "drop-1006", "stall", "refuse-429")) {
            assertLine(r, String.format("PASS %-14s", lesson));
        }
        assertLine(r, "exam: PASS (5 passed, 0 warned, 0 failed, 0 skipped)");
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals("PASS", doc.get("verdict").getAsString());
        JsonArray timeline = doc.getAsJsonObject("facts").getAsJsonArray("timeline");
        assertTrue(timeline.size() >= 5, "one connection per lesson at least, and the refused attempt: " + timeline);
        long refused = timeline.asList().stream()
                .filter(c -> !c.getAsJsonObject().get("refused_status").isJsonNull()).count();
        assertEquals(1, refused, "tail waited the Retry-After: one refusal was enough");
        assertTrue(timeline.get(0).getAsJsonObject().getAsJsonArray("messages").toString()
                .contains("\\\"channel\\\":\\\"heartbeats\\\""), timeline.get(0).toString());
        String xml = Files.readString(junit);
        assertEquals(5, xml.split("<testcase ").length - 1, xml);
    }

    @Test
    void theLegacyClientOfTheOriginStoryFailsSubscribeWithTheExactFix() {
        Run r = exam(List.of("--lesson-timeout", "10s"), TestClients.example("LegacyClient"));
        assertEquals(1, r.code(), r.toString());
        assertLine(r, "FAIL subscribe");
        assertTrue(r.out().contains("the legacy Coinbase Exchange (Pro) subscribe format"), r.toString());
        assertTrue(r.out().contains("fix:   send one message per channel: "
                + "{\"type\":\"subscribe\",\"channel\":\"level2\",\"product_ids\":[\"BTC-USD\"]}"), r.toString());
        assertLine(r, "SKIP close-1001     the client never received data");
    }

    @Test
    void aTightLoopReconnectorFailsStallAndRefuse429AsAStorm() {
        Run r = exam(List.of("--lessons", "subscribe,stall,refuse-429", "--lesson-timeout", LOADED),
                TestClients.example("TightLoopClient"));
        assertEquals(1, r.code(), r.toString());
        assertLine(r, "FAIL stall");
        assertTrue(r.out().contains("the client never noticed that the socket went silent"), r.toString());
        assertLine(r, "FAIL refuse-429");
        assertTrue(r.out().contains("cause: a reconnect storm: "), r.toString());
    }

    @Test
    void aClientThatTakesACleanCloseAsTheEndFailsClose1001() {
        Run r = exam(List.of("--lessons", "subscribe,close-1001,drop-1006", "--lesson-timeout", LOADED),
                TestClients.example("CleanCloseClient"));
        assertEquals(1, r.code(), r.toString());
        assertLine(r, "PASS subscribe");
        assertLine(r, "FAIL close-1001");
        assertTrue(r.out().contains("cause: no reconnect after the 1001 close"), r.toString());
        assertLine(r, "SKIP drop-1006      the client had no open connection: it did not come back after close-1001");
        assertTrue(r.err().contains("  | closed with 1001"), "the client's own last words: " + r);
    }

    @Test
    void aClientThatIgnoresTheUrlExits3AndIsEnded() throws Exception {
        Path report = dir.resolve("exam.json");
        Run r = exam(List.of("--lesson-timeout", "4s", "--report", report.toString(), "-o", "json"),
                TestClients.example("IgnoresUrlClient"));
        assertEquals(3, r.code(), r.toString());
        JsonObject out = Json.parse(r.out()).getAsJsonObject();
        assertEquals(3, out.get("exit_code").getAsInt(), r.toString());
        JsonObject subscribe = out.getAsJsonArray("checks").get(0).getAsJsonObject();
        assertEquals("FAIL", subscribe.get("status").getAsString());
        assertTrue(subscribe.get("diagnosis").getAsString().matches("the client never connected to "
                + "ws://127\\.0\\.0\\.1:\\d+: does it take the URL you gave it\\?"), r.toString());
        long pid = Json.parse(Files.readString(report)).getAsJsonObject().getAsJsonObject("facts")
                .getAsJsonObject("client").get("pid").getAsLong();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the client was ended");
    }

    @Test
    void tailSigningWithTheTrustedKeyPassesAndTheReportHoldsNoSignature() throws Exception {
        java.security.KeyPair pair = dev.feedctl.TestKeys.ec();
        Path key = dev.feedctl.TestKeys.keyFile(Files.createDirectory(dir.resolve("key")), dev.feedctl.TestKeys.NAME,
                dev.feedctl.TestKeys.sec1Pem(pair));
        Path report = dir.resolve("exam.json");
        Run r = exam(List.of("--lessons", "subscribe,close-1001", "--lesson-timeout", "20s", "--trust-key",
                key.toString(), "--report", report.toString()), TestClients.feedctlTail("--key-file", key.toString()));
        assertEquals(0, r.code(), r.toString());
        assertLine(r, "PASS subscribe");
        assertLine(r, "PASS close-1001"); // a fresh JWT on the new connection: no reuse
        String doc = Files.readString(report);
        assertTrue(doc.contains("\\\"jwt\\\":\\\"eyJ"), "the subscribe messages are in the timeline: " + doc);
        assertFalse(java.util.regex.Pattern.compile("eyJ[\\w-]*\\.eyJ[\\w-]*\\.[\\w-]{20,}").matcher(doc).find(),
                "no JWT signature in the report");
    }

    @Test
    void aJwtSignedWithAnotherKeyFailsSubscribe() throws Exception {
        Path signing = dev.feedctl.TestKeys.keyFile(Files.createDirectory(dir.resolve("signing")),
                dev.feedctl.TestKeys.NAME, dev.feedctl.TestKeys.sec1Pem(dev.feedctl.TestKeys.ec()));
        Path trusted = dev.feedctl.TestKeys.keyFile(Files.createDirectory(dir.resolve("trusted")),
                dev.feedctl.TestKeys.NAME, dev.feedctl.TestKeys.sec1Pem(dev.feedctl.TestKeys.ec()));
        Run r = exam(List.of("--lessons", "subscribe", "--lesson-timeout", "20s", "--trust-key", trusted.toString()),
                TestClients.feedctlTail("--key-file", signing.toString()));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("cause: the JWT is not accepted with --trust-key's key: bad signature"),
                r.toString());
    }

    /** A client that exits before it ever connects was never examined: exit 3, never a PASS of skipped lessons. */
    @Test
    void aClientThatExitsBeforeConnectingIsExit3NotAPassOfSkips() {
        Run r = exam(List.of("--lesson-timeout", "3s"), List.of("false"));
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.out().contains("the client never connected to ws://127.0.0.1:"), r.toString());
        assertTrue(r.out().contains("before the client exited with 1"), r.toString());
        assertFalse(r.out().contains("exam: PASS"), r.toString());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, Run.of("exam").code());
        Run unknown = Run.of("exam", "--lessons", "subscribe,reboot", "--", "true");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown lesson 'reboot'; the lessons are subscribe, close-1001, drop-1006, "
                + "stall, refuse-429"), unknown.toString());
        Run missing = Run.of("exam", "--", "no-such-client-anywhere", "{ws}");
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("cannot run the client: no-such-client-anywhere was not found on PATH"),
                missing.toString());
    }
}
