package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A session recorded from a faulted simulator ({@code subscribe --annotate}, which writes every frame with its receive
 * time, and the close) judged again by {@code verify --replay}: the same exit code and diagnosis as the live run,
 * with no network.
 */
@Timeout(60)
class ReplayTest {

    @TempDir
    Path dir;

    private Path record(String scenario) throws Exception {
        Run rec = Run.of("subscribe", "--sim=" + scenario, "--annotate", "--duration", "2500ms");
        Path file = dir.resolve(scenario + ".ndjson");
        Files.writeString(file, rec.out());
        assertTrue(rec.outLines().size() > 3, rec::toString);
        return file;
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @CsvSource(delimiter = '|', value = {
        "healthy     | 0 | verify: PASS",
        "gaps        | 1 | sequence gaps: frames were lost",
        "malformed   | 1 | malformed frames; first: ",
        "going-away  | 3 | 1001 \"going away\"",
        "abrupt-drop | 3 | ended without a close frame"})
    void aRecordingGetsTheVerdictOfTheLiveRun(String scenario, int exit, String diagnosis) throws Exception {
        Run live = Run.of("verify", "--sim=" + scenario, "--duration", "2500ms");
        assertEquals(exit, live.code(), live::toString);
        assertTrue(live.out().contains(diagnosis), live::toString);

        Run replay = Run.of("verify", "--replay", record(scenario).toString());
        assertEquals(exit, replay.code(), replay::toString);
        assertTrue(replay.out().contains(diagnosis), replay::toString);
        assertTrue(replay.out().contains("SKIP rest-price"), replay::toString);
    }

    @Test
    void rawFramesOnePerLineAreJudgedByTheirOwnTimestamps() throws Exception {
        Path recorded = record("gaps");
        List<String> raw = new ArrayList<>();
        for (String line : Files.readAllLines(recorded)) {
            var o = dev.feedctl.protocol.Json.parse(line).getAsJsonObject();
            if (o.has("frame")) {
                raw.add(dev.feedctl.protocol.Json.COMPACT.toJson(o.get("frame")));
            }
        }
        Path file = dir.resolve("raw.ndjson");
        Files.write(file, raw);
        Run r = Run.of("verify", "--replay", file.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("sequence gaps: frames were lost"), r::toString);
    }

    @Test
    void aReplayNeedsAReadableFileAndNoSimulator() {
        Run missing = Run.of("verify", "--replay", dir.resolve("nope.ndjson").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file"), missing::toString);
        Run both = Run.of("verify", "--replay", "-", "--sim");
        assertEquals(2, both.code(), both::toString);
    }

    @Test
    void aRecordingServedBySimReplayReachesSubscribeFrameForFrameInOrder() throws Exception {
        Path recorded = record("gaps");
        List<String> sent = frames(Files.readAllLines(recorded));
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withReplay(
                dev.feedctl.sim.SimConfig.Replay.of(Files.readAllLines(recorded).stream(), 0)))) {
            Run r = Run.of("subscribe", "--ws-url", sim.wsUri().toString(), "--annotate", "--duration", "10s");
            // the recording ends, and the simulator says so with a close
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("end of the replayed recording"), r::toString);
            assertEquals(sent, frames(r.outLines()), r::toString);
        }
        // and the CLI form, with its pace and file checks
        Run badSpeed = Run.of("sim", "--replay", recorded.toString(), "--speed", "fast", "--duration", "1s");
        assertEquals(2, badSpeed.code(), badSpeed::toString);
    }

    private static List<String> frames(List<String> annotated) {
        List<String> out = new ArrayList<>();
        for (String line : annotated) {
            var o = dev.feedctl.protocol.Json.parse(line).getAsJsonObject();
            if (o.has("frame")) {
                out.add(dev.feedctl.protocol.Json.COMPACT.toJson(o.get("frame")));
            }
        }
        return out;
    }
}
