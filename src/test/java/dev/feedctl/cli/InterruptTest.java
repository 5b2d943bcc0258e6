package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C is a process-level event, so this runs feedctl as a real process and sends it SIGINT. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCEndsVerifyWith130AndStillWritesThePartialReport() throws Exception {
        Path report = dir.resolve("report.json");
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.feedctl.Main",
                "verify", "--sim", "--duration", "60s", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertFalse(p.waitFor(2, TimeUnit.SECONDS), "verify is still gathering evidence");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "feedctl ended after SIGINT");
        String text = Files.readString(out);
        assertEquals(130, p.exitValue(), text);
        assertTrue(text.contains("verify: INTERRUPTED, partial evidence"), text);
        JsonObject doc = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("INTERRUPTED", doc.get("verdict").getAsString());
        assertEquals(130, doc.get("exit_code").getAsInt());
    }
}
