package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.FeedctlProcess;
import dev.feedctl.exam.TestClients;
import dev.feedctl.protocol.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during an exam: feedctl exits 130 with its report written, and the client does not outlive it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ExamProcessTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCEndsTheExamWith130TheReportSaysSoAndTheClientIsGone() throws Exception {
        Path report = dir.resolve("exam.json");
        List<String> cmd = FeedctlProcess.command("exam", "--keep-output", "--lesson-timeout", "20s", "--report",
                report.toString(), "--");
        cmd.addAll(TestClients.feedctlTail());
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = err.readLine();
            } while (line != null && !line.startsWith("[client] {"));
            assertTrue(line != null, "the client's first price came through --keep-output");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "feedctl ended after SIGINT");
        }
        assertEquals(130, p.exitValue());
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals("INTERRUPTED", doc.get("verdict").getAsString());
        assertEquals(130, doc.get("exit_code").getAsInt());
        long child = doc.getAsJsonObject("facts").getAsJsonObject("client").get("pid").getAsLong();
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the client was ended");
    }
}
