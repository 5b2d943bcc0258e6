package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Fault;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.SimConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quiet market or dead feed is decided on the exchange's clock alone (the socket's last update by its exchange
 * timestamp against REST's last trade), so this machine's clock being off cannot turn a quiet market into a FAIL, nor
 * hide a dead subscription.
 */
@Timeout(60)
class FreshnessClockTest {

    private static Run verify(Fault product, int skewSeconds, String... extra) throws Exception {
        Faults faults = new Faults(List.of(new Fault.ClockSkew(Duration.ofSeconds(skewSeconds)), product));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withFaults(faults))) {
            List<String> args = new java.util.ArrayList<>(List.of("verify", "--ws-url", sim.wsUri().toString(),
                    "--rest-url", sim.restUri().toString(), "--duration", "2500ms", "--max-staleness", "700ms",
                    "-o", "json"));
            args.addAll(List.of(extra));
            return Run.of(args.toArray(String[]::new));
        }
    }

    private static JsonObject check(Run r, String name) {
        for (var c : Json.parse(r.out()).getAsJsonObject().getAsJsonArray("checks")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no check " + name + "\n" + r);
    }

    @ParameterizedTest(name = "exchange clock {0} s off, quiet product -> WARN quiet, exit 0")
    @ValueSource(ints = {90, -90})
    void aQuietMarketIsQuietWhateverThisMachinesClockSays(int skew) throws Exception {
        // the market goes quiet 1 s after the simulator starts: on a busy machine that may leave only the snapshot
        Run r = verify(new Fault.QuietProduct(null, Duration.ofSeconds(1)), skew, "--min-messages", "1");
        assertEquals(0, r.code(), r::toString);
        JsonObject freshness = check(r, "freshness");
        assertEquals("WARN", freshness.get("status").getAsString(), r::toString);
        assertTrue(freshness.get("diagnosis").getAsString().startsWith("quiet market: BTC-USD had no trades"),
                r::toString);
    }

    @ParameterizedTest(name = "exchange clock {0} s off, dead subscription -> FAIL dead, exit 1")
    @ValueSource(ints = {90, -90})
    void aDeadSubscriptionIsDeadWhateverThisMachinesClockSays(int skew) throws Exception {
        Run r = verify(new Fault.StaleProduct(null, Duration.ofSeconds(1)), skew, "-p", "BTC-USD,ETH-USD");
        assertEquals(1, r.code(), r::toString);
        JsonObject freshness = check(r, "freshness");
        assertEquals("FAIL", freshness.get("status").getAsString(), r::toString);
        String diagnosis = freshness.get("diagnosis").getAsString();
        assertTrue(diagnosis.contains("the market trades but the socket stopped sending BTC-USD (REST shows a "
                + "trade"), r::toString);
        // both times on the exchange clock: the gap is the product's silence, never the clock's offset
        var newer = java.util.regex.Pattern.compile("a trade (\\d+ ms|\\d\\.\\d s) newer").matcher(diagnosis);
        assertTrue(newer.find(), r::toString); // under 10 s: at most one digit of seconds

    }

    @Test
    void theIssuesOwnCaseTheSimulatorsClockSkewScenarioWithAQuietProduct() {
        Run r = Run.of("verify", "--sim=clock-skew,quiet-product", "--duration", "2500ms", "--max-staleness",
                "700ms", "--min-messages", "1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("WARN freshness"), r::toString);
    }

    @ParameterizedTest(name = "tail --rest-check, exchange clock -90 s: {0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"quiet, quiet", "stale, dead"})
    void tailJudgesByTheSameRule(String fault, String state) throws Exception {
        Fault product = fault.equals("quiet") ? new Fault.QuietProduct(null, Duration.ofSeconds(1))
                : new Fault.StaleProduct(null, Duration.ofSeconds(1));
        Faults faults = new Faults(List.of(new Fault.ClockSkew(Duration.ofSeconds(-90)), product));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withFaults(faults))) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-p", "BTC-USD,ETH-USD", "--rest-check", "300ms", "--max-staleness", "1s", "--duration", "5s",
                    "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            List<String> states = r.outLines().stream().map(l -> Json.parse(l).getAsJsonObject())
                    .filter(o -> o.has("event") && o.get("event").getAsString().equals("rest")
                            && o.get("product").getAsString().equals("BTC-USD")
                            && !o.get("state").getAsString().equals("ok"))
                    .map(o -> o.get("state").getAsString()).distinct().toList();
            assertEquals(List.of(state), states, r::toString);
        }
    }
}
