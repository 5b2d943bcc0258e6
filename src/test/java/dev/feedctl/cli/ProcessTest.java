package dev.feedctl.cli;

import dev.feedctl.FeedctlProcess;
import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and closed pipes are process-level events, so these run feedctl as a real process. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ProcessTest {

    @TempDir
    Path dir;

    private static ProcessBuilder feedctl(String... args) {
        return feedctlWithHeap(null, args);
    }

    /** feedctl with its heap capped at {@code maxHeap} ("-Xmx" form), or the JVM's default when null. */
    private static ProcessBuilder feedctlWithHeap(String maxHeap, String... args) {
        return new ProcessBuilder(FeedctlProcess.command(maxHeap == null ? List.of() : List.of(maxHeap), args));
    }

    @Test
    void aClosedPipeEndsSubscribeQuietlyWith0() throws Exception {
        Process p = feedctl("subscribe", "--sim").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            assertTrue(reader.readLine().startsWith("{\"channel\":\"subscriptions\""));
            reader.readLine();
        } // like `| head -2`: the reader goes away
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "subscribe noticed the closed pipe and ended");
        assertEquals(0, p.exitValue());
    }

    @Test
    void stdoutThatNobodyReadsNeitherHoldsSubscribePastItsDurationNorOutgrowsA64MiBHeap() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(50_000))) {
            Path err = dir.resolve("err.txt");
            // stdout is a pipe this test never reads: it fills after 64 KiB. At 50,000 frames/s for 4 s some 80 MB of
            // lines would pile up unbounded; the heap is capped well below that, so a growing queue ends in an
            // OutOfMemoryError (exit 70), not a pass
            Process p = feedctlWithHeap("-Xmx64m", "subscribe", "--ws-url", sim.wsUri().toString(), "--duration",
                    "4s", "-o", "ndjson").redirectError(err.toFile()).start();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "subscribe ended after its duration though nobody read");
            assertEquals(0, p.exitValue(), Files.readString(err));
            assertTrue(Files.readString(err).contains("lines were not written"), "the queue filled and said so: "
                    + Files.readString(err));
        }
    }

    @Test
    void ctrlCEndsVerifyWith130AndStillWritesThePartialReport() throws Exception {
        Path report = dir.resolve("report.json");
        Path out = dir.resolve("out.txt");
        Process p = verifyGathering(report, out);
        assertFalse(p.waitFor(500, TimeUnit.MILLISECONDS), "verify is still gathering evidence");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "feedctl ended after SIGINT");
        String text = Files.readString(out);
        assertEquals(130, p.exitValue(), text);
        assertTrue(text.contains("verify: INTERRUPTED, partial evidence"), text);
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals("INTERRUPTED", doc.get("verdict").getAsString());
        assertEquals(130, doc.get("exit_code").getAsInt());
    }

    @Test
    void sigtermEndsVerifyWith143AndTheReportSaysTheSame() throws Exception {
        Path report = dir.resolve("report.json");
        Path out = dir.resolve("out.txt");
        Process p = verifyGathering(report, out);
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "feedctl ended after SIGTERM");
        assertEquals(143, p.exitValue(), read(out));
        JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
        assertEquals(143, doc.get("exit_code").getAsInt());
        assertEquals("INTERRUPTED", doc.get("verdict").getAsString());
    }

    /** A verify run on the simulator that has begun gathering evidence (it says so with -v). */
    private static Process verifyGathering(Path report, Path out) throws Exception {
        Process p = feedctl("verify", "--sim", "--duration", "60s", "--report", report.toString(), "-v")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(out).contains("gathering evidence") && System.nanoTime() < until) {
            assertFalse(p.waitFor(50, TimeUnit.MILLISECONDS), () -> "verify ended early: " + read(out));
        }
        return p;
    }

    /**
     * {@code tail --record REC} on {@code products} against {@code sim}, no heartbeats and a stall timeout that never
     * fires, returned once the simulator has sent {@code frames} frames (or at {@code until}).
     */
    private Process recordingTail(dev.feedctl.sim.ExchangeSimulator sim, Path rec, Path err, String products,
                                  long frames, long until) throws Exception {
        Process p = feedctl("tail", "--ws-url", sim.wsUri().toString(), "--record", rec.toString(), "-p", products,
                "--no-heartbeats", "--stall-timeout", "60s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        while (sim.framesSent() < frames && System.nanoTime() < until) {
            Thread.sleep(20); // polls another process's progress: there is nothing to wait on
        }
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void tailRecordHoldsEveryFrameTheSimulatorSentAfterCtrlC() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(2000))) {
            Path rec = dir.resolve("rec.ndjson");
            Path err = dir.resolve("err.txt");
            long until = System.nanoTime() + 20_000_000_000L;
            Process p = recordingTail(sim, rec, err, "BTC-USD,ETH-USD", 2000, until);
            sim.stallAll(false); // from here on the exchange sends nothing: the count is final
            long sent;
            do { // a send already under way when the stall began still counts
                sent = sim.framesSent();
                Thread.sleep(100);
            } while (sent != sim.framesSent());
            while (frames(rec) < sent && System.nanoTime() < until) { // received and flushed as the feed drained
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "tail ended after SIGINT");
            assertEquals(130, p.exitValue(), Files.readString(err));
            // frames, and perhaps the line saying feedctl closed the connection on its way out
            List<String> lines = Files.readAllLines(rec).stream().filter(l -> !l.contains("\"closed\":{")).toList();
            assertEquals(sent, lines.size(), "every frame sent is recorded, nothing else: " + Files.readString(err));
            assertEquals("", Files.readString(err));
            long expected = 0;
            for (String line : lines) {
                JsonObject o = Json.parse(line).getAsJsonObject();
                assertTrue(o.get("received_at").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}\\.\\d{9}Z"),
                        "nanosecond receive time: " + line);
                assertEquals(1, o.get("connection").getAsInt());
                assertEquals(0, o.get("shard").getAsInt());
                JsonObject frame = Json.parse(o.get("frame").getAsString()).getAsJsonObject();
                assertEquals(expected++, frame.get("sequence_num").getAsLong(), "in order, none missing: " + line);
            }
        }
    }

    /**
     * Ctrl-C while frames are still arriving (the test above waits until the feed went quiet and the recording caught
     * up): feedctl sends its close and hands on every frame it had already read, so the recording is a whole prefix of
     * what the simulator sent (from sequence 0, none missing). (It used to stop at once, dropping what was read and
     * not yet recorded.)
     */
    @Test
    void ctrlCMidStreamLeavesAWholePrefixOfWhatTheSimulatorSent() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(5000))) {
            Path rec = dir.resolve("rec.ndjson");
            Path err = dir.resolve("err.txt");
            long until = System.nanoTime() + 20_000_000_000L;
            Process p = recordingTail(sim, rec, err, "BTC-USD", 3000, until);
            long sentBefore = sim.framesSent();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(); // the feed still flowing
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "tail ended after SIGINT");
            assertEquals(130, p.exitValue(), Files.readString(err));
            long sentAfter = sim.framesSent();
            assertTrue(sentAfter > sentBefore, "the simulator was still sending when SIGINT came");
            List<String> all = Files.readAllLines(rec);
            List<String> lines = all.stream().filter(l -> !l.contains("\"closed\":{")).toList();
            // not every frame sent: Java-WebSocket decodes nothing once feedctl's close is sent (WebSocketImpl.decode
            // only while OPEN), so what the kernel still held is never read; all feedctl had read is recorded
            assertTrue(!lines.isEmpty() && lines.size() <= sentAfter, "recorded " + lines.size() + " of "
                    + sentAfter + " sent (" + sentBefore + " before SIGINT)\n" + Files.readString(err));
            long expected = 0;
            for (String line : lines) {
                JsonObject frame = Json.parse(Json.parse(line).getAsJsonObject().get("frame").getAsString())
                        .getAsJsonObject();
                assertEquals(expected++, frame.get("sequence_num").getAsLong(), "in order, none missing: " + line);
            }
            assertTrue(all.stream().filter(l -> l.contains("\"closed\":{")).count() <= 1, "at most feedctl's close");
        }
    }

    private static long frames(Path rec) throws java.io.IOException {
        return Files.exists(rec) ? Files.readAllLines(rec).size() : 0;
    }

    @Test
    void tailPipedIntoHeadEndsAtOnceQuietlyWith0() throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = feedctl("tail", "--sim").redirectError(err.toFile()).start();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            for (int i = 0; i < 3; i++) {
                Json.parse(reader.readLine()); // NDJSON when stdout is a pipe
            }
        } // `| head -3`: the reader goes away
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "tail noticed the closed pipe and ended");
        assertEquals(0, p.exitValue());
        assertEquals("", Files.readString(err), "quietly");
    }

    @Test
    void tailWithStdoutNobodyReadsKeepsReadingTheSocket() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(2_000))) {
            Path err = dir.resolve("err.txt");
            Path rec = dir.resolve("rec.ndjson");
            // stdout is a pipe this test never reads: it holds some 300 lines. The recording (flushed as the feed
            // drains) shows the socket read on far past that
            Process p = feedctl("tail", "--ws-url", sim.wsUri().toString(), "--record", rec.toString())
                    .redirectError(err.toFile()).start();
            long until = System.nanoTime() + 40_000_000_000L;
            while (frames(rec) < 3_000 && System.nanoTime() < until && p.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(frames(rec) >= 3_000, "the socket was read on while stdout stood still: " + frames(rec)
                    + " frames\n" + Files.readString(err));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "tail ended on SIGTERM though stdout was blocked");
            assertEquals(143, p.exitValue(), Files.readString(err));
        }
    }

    /**
     * A reader slower than the feed: every frame the simulator sent is, at exit, either a line on stdout or counted
     * in the one stderr line that says how many lines were not written. (It used to lose the 8 MiB still queued at
     * exit without a count: 60,000 frames, 5,545 lines written, 39,618 said not written.)
     */
    @Test
    void aSlowReaderGetsEveryFrameAsALineOrInTheCountOfLinesNotWritten() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(10_000))) {
            Path err = dir.resolve("err.txt");
            Process p = feedctl("subscribe", "--ws-url", sim.wsUri().toString(), "-p", "BTC-USD", "--duration", "8s",
                    "-o", "ndjson").redirectError(err.toFile()).start();
            SlowReader reader = SlowReader.of(p);
            awaitFramesSent(sim, 30_000);
            sim.stallAll(false); // from here on the exchange sends nothing: the count is final
            long sent;
            do { // a send already under way when the stall began still counts
                sent = sim.framesSent();
                Thread.sleep(100);
            } while (sent != sim.framesSent());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "subscribe ended after its duration");
            long read = reader.linesToTheEnd();
            String text = Files.readString(err);
            assertEquals(0, p.exitValue(), text);
            long notWritten = notWritten(text);
            assertEquals(sent, read + notWritten, "sent " + sent + ", read " + read + ", said not written "
                    + notWritten + ": " + text);
        }
    }

    /**
     * The same for tail's stream: every price update of every recorded ticker frame, and the connected event, is a
     * line on stdout or counted in the stderr line of lines not written.
     */
    @Test
    void tailsSlowReaderGetsEveryUpdateAsALineOrInTheCountOfLinesNotWritten() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(10_000))) {
            Path err = dir.resolve("err.txt");
            Path rec = dir.resolve("rec.ndjson");
            Process p = feedctl("tail", "--ws-url", sim.wsUri().toString(), "-p", "BTC-USD", "--no-heartbeats",
                    "--max-staleness", "60s", "--stall-timeout", "60s", "--record", rec.toString(), "--duration", "8s",
                    "-o", "ndjson").redirectError(err.toFile()).start();
            SlowReader reader = SlowReader.of(p);
            awaitFramesSent(sim, 30_000);
            sim.stallAll(false); // from here on the exchange sends nothing: the recording is final
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tail ended after its duration");
            long read = reader.linesToTheEnd();
            String text = Files.readString(err);
            assertEquals(0, p.exitValue(), text);
            long updates = 0;
            for (String line : Files.readAllLines(rec)) {
                JsonObject o = Json.parse(line).getAsJsonObject();
                if (!o.has("frame")) {
                    continue;
                }
                JsonObject f = Json.parse(o.get("frame").getAsString()).getAsJsonObject();
                if (f.get("channel").getAsString().equals("ticker")) {
                    for (var e : f.getAsJsonArray("events")) {
                        updates += e.getAsJsonObject().getAsJsonArray("tickers").size();
                    }
                }
            }
            long notWritten = notWritten(text);
            assertEquals(updates + 1, read + notWritten, updates + " updates and the connected event; read "
                    + read + ", said not written " + notWritten + ": " + text);
        }
    }

    /** Ctrl-C ends subscribe with the same account: every frame sent is a line read or in the count on stderr. */
    @Test
    void ctrlCStillCountsSubscribesLinesNotWritten() throws Exception {
        try (var sim = dev.feedctl.sim.ExchangeSimulator.start(dev.feedctl.sim.SimConfig.defaults().withRate(5_000))) {
            Path err = dir.resolve("err.txt");
            Process p = feedctl("subscribe", "--ws-url", sim.wsUri().toString(), "-p", "BTC-USD", "-o", "ndjson")
                    .redirectError(err.toFile()).start();
            SlowReader reader = SlowReader.of(p);
            awaitFramesSent(sim, 10_000);
            sim.stallAll(false); // the count is final; subscribe reads the rest long before the signal
            long sent;
            do {
                sent = sim.framesSent();
                Thread.sleep(500); // not synchronisation: a quiet interval in which the count must stay the same
            } while (sent != sim.framesSent());
            // subscribe never waits for stdout, so it has read the last frame long before this; the queue of lines
            // for a reader taking 500 a second is still thousands long
            Thread.sleep(2000);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "subscribe ended after SIGINT");
            long read = reader.linesToTheEnd();
            String text = Files.readString(err);
            assertEquals(130, p.exitValue(), text);
            assertEquals(sent, read + notWritten(text), "read " + read + ": " + text);
        }
    }

    /**
     * Waits until feedctl is connected and subscribed (a JVM starting on a loaded machine can take seconds; the
     * simulator's stall silences only connections already open), then until {@code frames} were sent or 5 s passed.
     */
    private static void awaitFramesSent(dev.feedctl.sim.ExchangeSimulator sim, long frames) throws Exception {
        long connected = System.nanoTime() + 30_000_000_000L;
        while (sim.framesSent() == 0 && System.nanoTime() < connected) {
            Thread.sleep(20);
        }
        assertTrue(sim.framesSent() > 0, "feedctl connected to the simulator within 30 s");
        long until = System.nanoTime() + 5_000_000_000L;
        while (sim.framesSent() < frames && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /**
     * The count in feedctl's one stderr line about lines not written, or 0 without one. (On a loaded machine the feed
     * may be slow enough for the reader to take everything; the sum must be exact either way.)
     */
    private static long notWritten(String stderr) {
        var m = java.util.regex.Pattern.compile("(\\d+) lines were not written").matcher(stderr);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Reads a process's stdout at about 500 lines a second, far slower than the feeds these tests run. */
    private static final class SlowReader {
        private final Thread thread;
        private volatile long lines;
        private volatile java.io.IOException failure;

        private SlowReader(Process p) {
            thread = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("{")) {
                            lines++;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                } catch (java.io.IOException e) {
                    failure = e;
                }
            }, "slow-reader");
            thread.start();
        }

        static SlowReader of(Process p) {
            return new SlowReader(p);
        }

        /** Whole lines read once stdout ended (the process exited and everything it wrote was read). */
        long linesToTheEnd() throws Exception {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(thread.isAlive(), "stdout ended");
            if (failure != null) {
                throw failure;
            }
            return lines;
        }
    }
}
