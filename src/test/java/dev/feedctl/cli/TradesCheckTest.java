package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.LostTrade;
import dev.feedctl.sim.Scenario;
import dev.feedctl.sim.SimConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** verify's {@code trades} check: every trade REST has in the span both sides cover must have come on the socket. */
@Timeout(60)
class TradesCheckTest {

    static String line(Run r, String check) {
        return r.outLines().stream().filter(l -> l.matches("(PASS|WARN|FAIL|SKIP) +" + check + " .*")).findFirst()
                .orElseThrow(() -> new AssertionError(check + " missing\n" + r));
    }

    static JsonObject check(Run r, String name) {
        for (var c : Json.parse(r.out()).getAsJsonObject().getAsJsonArray("checks")) {
            if (name.equals(c.getAsJsonObject().get("name").getAsString())) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError(name + " missing\n" + r);
    }

    @Test
    void aHealthyFeedPassesWithItsFigures() {
        Run r = Run.of("verify", "--sim", "-c", "market_trades", "--duration", "3500ms");
        assertEquals(0, r.code(), r::toString);
        String trades = line(r, "trades");
        assertTrue(trades.startsWith("PASS") && trades.contains("REST covered 100 % of it")
                && trades.contains("0 missing, 0 delivered twice, 0 differing"), r::toString);
        var m = java.util.regex.Pattern.compile("PASS trades +(\\d+) trades compared").matcher(trades);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) > 0, r::toString);
    }

    @Test
    void anAliasIsComparedUnderTheIdItsDataCarries() {
        Run r = Run.of("verify", "--sim", "-c", "market_trades", "-p", "BTC-USDC", "--duration", "3500ms");
        assertEquals(0, r.code(), r::toString);
        assertTrue(line(r, "trades").startsWith("PASS trades"), r::toString);
    }

    @Test
    void noTradeCheckWithoutMarketTrades() {
        Run r = Run.of("verify", "--sim", "--duration", "1s");
        assertFalse(r.out().contains(" trades "), r::toString);
    }

    /**
     * The exact loss: the count verify reports is the count the simulator dropped within the span it judged. (The
     * span starts at the socket's snapshot, which may hold trades made before the subscription: those were never
     * subject to the fault, so the run is long enough for the span to reach well past it.)
     */
    @Test
    void droppedTradesFailWithTheExactCountDroppedInTheSpan() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.DROP_TRADES.faults()))) {
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "market_trades", "--duration", "6s", "-o", "json");
            JsonObject trades = check(r, "trades");
            JsonObject span = trades.getAsJsonObject("data").getAsJsonObject("spans").getAsJsonObject("BTC-USD");
            Instant from = Instant.parse(span.get("from").getAsString());
            Instant to = Instant.parse(span.get("to").getAsString());
            List<LostTrade> dropped = sim.tradesNotSent().stream().filter(t -> t.time().isAfter(from)
                    && t.time().isBefore(to)).toList();
            assertEquals(dropped.size(), trades.getAsJsonObject("data").get("missing").getAsLong(), r::toString);
            assertTrue(dropped.size() >= 2, "the judged span held too few dropped trades to show anything\n" + r);
            assertEquals(1, r.code(), r::toString);
            assertEquals("FAIL", trades.get("status").getAsString(), r::toString);
            String first = dropped.get(0).tradeId() + " at " + dropped.get(0).time();
            assertTrue(trades.get("diagnosis").getAsString().contains("the socket never delivered " + dropped.size()
                    + " trades REST has within the span (an exact loss); first BTC-USD " + first), r::toString);
            assertTrue(trades.get("diagnosis").getAsString().contains("sequence numbers were contiguous"), r::toString);
        }
    }

    /** More trades than the REST budget can page through: the uncovered part is said, and the check is not PASS. */
    @Test
    void aRestWindowThatCannotCoverTheRateIsPartialCoverage() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(2000))) {
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "market_trades", "--duration", "5s", "--rest-budget", "1", "--timeout", "2s");
            String trades = line(r, "trades");
            assertTrue(trades.startsWith("WARN trades"), r::toString);
            var m = java.util.regex.Pattern.compile("REST covered (\\d+) % of the run").matcher(r.out());
            assertTrue(m.find() && Integer.parseInt(m.group(1)) < 100, r::toString);
            assertEquals(0, r.code(), r::toString);
        }
    }

    /**
     * A budget whose next slot falls after the run (one request per 100 s, the first taken at the start): nothing is
     * asked, and the check says so: WARN, 0 % covered, no ticker call, the fix named.
     */
    @Test
    void aBudgetWithNoSlotLeftIsNoCoverageNeverAFailure() {
        Run r = budgeted("3s", "0.01");
        String trades = line(r, "trades");
        assertTrue(trades.contains("REST covered 0 % of it") && trades.contains("REST ticker calls 0,"), r::toString);
        assertTrue(r.out().contains("give REST more budget (--rest-budget)"), r::toString);
    }

    /**
     * One request per 6.7 s, the first taken at the start: the trades' first window (due about 3.5 s in) finds no slot
     * before the run's end, so the mid-run rounds stop, and the final round after the run still asks for it (the slot
     * at 6.7 s is before the end plus --timeout): one ticker call, part of the span covered, said as a WARN.
     */
    @Test
    void theFinalRoundStillAsksWhenTheBudgetEndedTheRunsRounds() {
        Run r = budgeted("6s", "0.15");
        String trades = line(r, "trades");
        assertTrue(trades.contains("REST ticker calls 1,"), r::toString);
        var m = java.util.regex.Pattern.compile("^WARN trades +(\\d+) trades compared .*REST covered (\\d+) % of it")
                .matcher(trades);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(2)) > 0
                && Integer.parseInt(m.group(2)) < 100, r::toString);
    }

    /** verify on the simulator with market_trades under a REST budget: exit 0 and the trades check a WARN. */
    private static Run budgeted(String duration, String requestsPerSecond) {
        Run r = Run.of("verify", "--sim", "-c", "market_trades", "--duration", duration, "--rest-budget",
                requestsPerSecond, "--timeout", "2s");
        assertEquals(0, r.code(), r::toString);
        assertTrue(line(r, "trades").startsWith("WARN trades"), r::toString);
        return r;
    }

    @Test
    void restRateLimitedIsAWarningCountedNeverAFailure() {
        Run r = Run.of("verify", "--sim=rest-429", "-c", "market_trades", "--duration", "4s", "--timeout", "2s");
        assertEquals(0, r.code(), r::toString);
        String trades = line(r, "trades");
        assertTrue(trades.startsWith("WARN trades") && trades.contains("REST covered 0 % of it"), r::toString);
        var m = java.util.regex.Pattern.compile("REST ticker calls \\d+, refused \\(429\\) (\\d+)").matcher(trades);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) > 0, r::toString);
    }

    /** A recording that delivers trade 7 twice, served by the simulator (whose REST knows no trades from 2019). */
    @Test
    void aTradeIdDeliveredTwiceFails() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant at = Instant.now();
        lines.add(recorded(at, "{\"channel\":\"subscriptions\",\"timestamp\":\"2019-08-14T20:42:27Z\",\"sequence_num\":0,"
                + "\"events\":[{\"subscriptions\":{\"market_trades\":[\"ETH-USD\"]}}]}"));
        for (int i = 1; i <= 12; i++) {
            int id = i == 8 ? 7 : i;
            lines.add(recorded(at.plusMillis(100L * i), "{\"channel\":\"market_trades\",\"timestamp\":"
                    + "\"2019-08-14T20:42:" + (20 + i) + "Z\",\"sequence_num\":" + i + ",\"events\":[{\"type\":"
                    + "\"update\",\"trades\":[{\"trade_id\":\"" + id + "\",\"product_id\":\"ETH-USD\",\"price\":"
                    + "\"1260.01\",\"size\":\"0.3\",\"side\":\"BUY\",\"time\":\"2019-08-14T20:42:" + (20 + i) + "Z\"}]}]}"));
        }
        // the recording goes on 20 s later (2 s at speed 10): the connection stays open past the run
        lines.add(recorded(at.plusSeconds(20), "{\"channel\":\"market_trades\",\"timestamp\":"
                + "\"2019-08-14T20:43:00Z\",\"sequence_num\":13,\"events\":[]}"));
        SimConfig.Replay replay = SimConfig.Replay.of(lines.stream(), 10);
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withReplay(replay))) {
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "market_trades", "-p", "ETH-USD", "--no-heartbeats", "--duration", "1500ms",
                    "--min-messages", "1", "--max-staleness", "60s");
            String trades = line(r, "trades");
            assertTrue(trades.startsWith("FAIL trades") && trades.contains("1 delivered twice"), r::toString);
            assertTrue(r.out().contains("1 trade ids delivered twice: ETH-USD 7"), r::toString);
            assertEquals(1, r.code(), r::toString);
        }
    }

    private static String recorded(Instant at, String frame) {
        return "{\"received_at\":\"" + at + "\",\"connection\":1,\"frame\":" + Json.COMPACT.toJson(frame) + "}";
    }

}
