package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A healthy feed at 60,000 messages/s on a 2-core machine: feedctl may fall behind, but its backlog must never be
 * reported as the feed's fault (no stopped heartbeats, no gaps, no REST disagreement). It passes, and says in the
 * keeping-up check whether it kept up.
 */
@Isolated // saturates the machine on purpose: other tests' timings must not share it
@Timeout(60)
class VerifyUnderLoadTest {

    @TempDir
    Path dir;

    @Test
    void aFastHealthyFeedPassesAndFeedctlsOwnBacklogIsNamedAsSuch() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(60_000))) {
            Path report = dir.resolve("r.json");
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "--duration", "4s", "--report", report.toString());
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("PASS heartbeats") && r.out().contains("PASS sequence")
                    && r.out().contains("PASS rest-price") && r.out().contains("PASS freshness"), r::toString);
            assertFalse(r.out().contains("heartbeats stopped"), r::toString);
            assertTrue(r.out().contains("keeping-up"), r::toString);
            JsonObject doc = Json.parse(Files.readString(report)).getAsJsonObject();
            JsonObject facts = doc.getAsJsonObject("facts").getAsJsonObject("evidence");
            // a constant is not a measurement: the reader never drops (it waits, and that wait is measured)
            assertFalse(facts.has("dropped_by_reader"), facts::toString);
            assertTrue(facts.has("reader_stalled_ms"), facts::toString);
            assertTrue(facts.get("frames").getAsLong() > 10_000, facts::toString); // a high-rate run, whatever the machine
            assertTrue(facts.getAsJsonObject("exchange_lag_ms").has("p99"), facts::toString);
        }
    }
}
