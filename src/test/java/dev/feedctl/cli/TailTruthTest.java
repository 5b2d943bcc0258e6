package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.LostTrade;
import dev.feedctl.sim.Scenario;
import dev.feedctl.sim.SimConfig;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tail --rest-check} with market_trades / level2: missed trades by id, and the book's health. */
@Timeout(60)
class TailTruthTest {

    private static List<JsonObject> events(Run r, String name) {
        return r.outLines().stream().map(l -> Json.parse(l).getAsJsonObject())
                .filter(o -> o.has("event") && name.equals(o.get("event").getAsString())).toList();
    }

    @Test
    void missedTradesAreTheOnesTheExchangeKeptOffTheSocket() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.DROP_TRADES.faults()))) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "market_trades", "--rest-check", "1s", "--duration", "6s", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            List<JsonObject> missed = events(r, "missed_trades");
            assertFalse(missed.isEmpty(), r::toString);
            Set<String> dropped = sim.tradesNotSent().stream().map(LostTrade::tradeId).collect(Collectors.toSet());
            long total = 0;
            for (JsonObject m : missed) {
                assertEquals("BTC-USD", m.get("product").getAsString(), r::toString);
                total += m.get("count").getAsLong();
                assertEquals(total, m.get("missed").getAsLong(), r::toString);
                for (JsonElement id : m.getAsJsonArray("ids")) {
                    assertTrue(dropped.contains(id.getAsString()), id + " was sent\n" + r);
                }
            }
        }
    }

    /**
     * A feed that goes away every 1.5 s at 300 trades/s: the trades batched for the closed connection (up to 250 ms)
     * and those made while reconnecting are more than the new snapshot's 50 (167 ms) in most outages, so trades are
     * lost there, and only there: each missed trade falls in an outage, which tail says.
     */
    @Test
    void tradesLostWhileReconnectingAreThatOutagesExactLoss() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(300)
                .withFaults(Scenario.GOING_AWAY.faults()))) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "market_trades", "--rest-check", "1s", "--duration", "12s", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            List<JsonObject> missed = events(r, "missed_trades");
            assertFalse(missed.isEmpty(), r::toString);
            for (JsonObject m : missed) {
                assertEquals(m.getAsJsonArray("ids").size(), m.get("in_outage").getAsInt(), r::toString);
            }
        }
    }

    @Test
    void aHealthyFeedMissesNothingAndItsBookIsOk() {
        Run r = Run.of("tail", "--sim", "-c", "market_trades,level2", "--rest-check", "1s", "--duration", "5s",
                "-o", "ndjson");
        assertEquals(0, r.code(), r::toString);
        assertTrue(events(r, "missed_trades").isEmpty(), r::toString);
        List<JsonObject> book = events(r, "book");
        assertFalse(book.isEmpty(), r::toString);
        assertTrue(book.stream().allMatch(b -> "ok".equals(b.get("state").getAsString())), r::toString);
    }

    @Test
    void aLostLevel2UpdateShowsAsBookDrift() {
        Run r = Run.of("tail", "--sim=book-drift", "-c", "level2", "--rest-check", "1s", "--duration", "5s",
                "-o", "ndjson");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> book = events(r, "book");
        JsonObject last = book.get(book.size() - 1);
        assertEquals("drift", last.get("state").getAsString(), r::toString);
        assertTrue(last.get("difference").getAsString().matches("BTC-USD (bid|offer) [0-9.]+: socket .*, REST .*"),
                r::toString);
    }
}
