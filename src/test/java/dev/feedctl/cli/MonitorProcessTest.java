package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.FeedctlProcess;
import dev.feedctl.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** monitor as a service manager runs it: a real process, stopped with SIGTERM. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class MonitorProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermEndsMonitorWith0AfterFlushingItsEvents() throws Exception {
        List<String> cmd = FeedctlProcess.command("monitor", "--sim", "--metrics", "0");
        Path out = dir.resolve("out.ndjson");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Scraper s = Scraper.of(() -> read(err));
            s.awaitHealth(200, java.time.Duration.ofSeconds(20)); // connected and fresh: a service in its stride
            assertTrue(p.isAlive(), () -> "monitor ended on its own: " + read(err));
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "monitor ended after SIGTERM");
            assertEquals(0, p.exitValue(), read(err));
            List<String> lines = Files.readAllLines(out);
            assertFalse(lines.isEmpty(), read(err));
            for (String line : lines) { // flushed whole: every line is one complete event
                assertTrue(Json.parse(line).getAsJsonObject().has("event"), line);
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
