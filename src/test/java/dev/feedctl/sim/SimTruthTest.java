package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator tells the same truth on its socket and on REST: the same trades, the same book. */
@Timeout(30)
class SimTruthTest {

    /** trade id to "price size side time", as the socket sent it and as REST answers it. */
    private static Map<String, String> socketTrades(PlainClient c, Duration for_, long[] lastSequence)
            throws InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        long end = System.nanoTime() + for_.toNanos();
        while (System.nanoTime() < end) {
            JsonObject f = c.await(PlainClient.channel("market_trades"), Duration.ofNanos(end - System.nanoTime()));
            if (f == null) {
                break;
            }
            if (lastSequence != null) {
                long seq = f.get("sequence_num").getAsLong();
                assertTrue(lastSequence[0] < 0 || seq > lastSequence[0], "sequence goes forward");
                lastSequence[0] = seq;
            }
            for (JsonElement e : f.getAsJsonArray("events")) {
                for (JsonElement t : e.getAsJsonObject().getAsJsonArray("trades")) {
                    JsonObject o = t.getAsJsonObject();
                    assertFalse(out.containsKey(o.get("trade_id").getAsString()), "a trade id sent twice: " + o);
                    out.put(o.get("trade_id").getAsString(), describe(o));
                }
            }
        }
        return out;
    }

    private static String describe(JsonObject trade) {
        return new BigDecimal(trade.get("price").getAsString()).stripTrailingZeros().toPlainString() + " "
                + new BigDecimal(trade.get("size").getAsString()).stripTrailingZeros().toPlainString() + " "
                + trade.get("side").getAsString() + " " + Instant.parse(trade.get("time").getAsString());
    }

    private static Map<String, String> restTrades(ExchangeSimulator sim, String product, long from, long to)
            throws Exception {
        JsonObject r = SimRestTest.json(SimRestTest.get(sim, "/market/products/" + product + "/ticker?limit=1000&start="
                + from + "&end=" + to));
        Map<String, String> out = new TreeMap<>();
        for (JsonElement t : r.getAsJsonArray("trades")) {
            JsonObject o = t.getAsJsonObject();
            Instant at = Instant.parse(o.get("time").getAsString());
            assertTrue(!at.isBefore(Instant.ofEpochSecond(from)) && at.isBefore(Instant.ofEpochSecond(to)), o::toString);
            out.put(o.get("trade_id").getAsString(), describe(o));
        }
        return out;
    }

    /** The whole seconds the socket's update trades span, first and last second left out (they are partial). */
    private static long[] innerSeconds(Map<String, String> trades) {
        List<Instant> times = trades.values().stream().map(v -> Instant.parse(v.substring(v.lastIndexOf(' ') + 1)))
                .sorted().toList();
        return new long[] {times.get(0).getEpochSecond() + 1, times.get(times.size() - 1).getEpochSecond()};
    }

    @Test
    void restTradesAreTheSocketsTrades() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(200));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("market_trades", "ETH-USD");
            Map<String, String> socket = socketTrades(c, Duration.ofMillis(3200), null);
            long[] span = innerSeconds(socket);
            assertTrue(span[1] > span[0], "at least one whole second of trades");
            Map<String, String> rest = restTrades(sim, "ETH-USD", span[0], span[1]);
            assertTrue(rest.size() > 50, "REST answered " + rest.size() + " trades");
            rest.forEach((id, what) -> assertEquals(what, socket.get(id), "trade " + id));
            long socketInSpan = socket.values().stream().map(v -> Instant.parse(v.substring(v.lastIndexOf(' ') + 1)))
                    .filter(t -> t.getEpochSecond() >= span[0] && t.getEpochSecond() < span[1]).count();
            assertEquals(socketInSpan, rest.size(), "the socket sent exactly REST's trades in the span");
        }
    }

    @Test
    void dropTradesKeepsTradesOffTheSocketWithoutASequenceGap() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(200)
                .withFaults(Scenario.DROP_TRADES.faults()));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("market_trades", "ETH-USD");
            long[] sequence = {-1};
            Map<String, String> socket = socketTrades(c, Duration.ofMillis(3200), sequence);
            long[] span = innerSeconds(socket);
            Map<String, String> rest = restTrades(sim, "ETH-USD", span[0], span[1]);
            List<String> missing = rest.keySet().stream().filter(id -> !socket.containsKey(id)).toList();
            List<String> dropped = sim.tradesNotSent().stream().filter(t -> t.time().getEpochSecond() >= span[0]
                    && t.time().getEpochSecond() < span[1]).map(LostTrade::tradeId).sorted().toList();
            assertFalse(dropped.isEmpty());
            assertEquals(dropped, missing.stream().sorted().toList());
            long inSpan = rest.size();
            assertTrue(Math.abs(missing.size() * 5L - inSpan) <= 5, missing.size() + " of " + inSpan + " dropped");
        }
    }

    /** Applies level2 frames to a book until an update later than {@code until}; returns the book at {@code until}. */
    private static final class Book {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        JsonObject held;

        void readThrough(PlainClient c, Instant until) throws InterruptedException {
            while (true) {
                JsonObject f = held != null ? held : c.await(PlainClient.channel("l2_data"), Duration.ofSeconds(5));
                assertNotNull(f, "level2 frames keep coming");
                held = null;
                JsonObject e = f.getAsJsonArray("events").get(0).getAsJsonObject();
                var updates = e.getAsJsonArray("updates");
                Instant t = Instant.parse(updates.get(0).getAsJsonObject().get("event_time").getAsString());
                if ("update".equals(e.get("type").getAsString()) && t.isAfter(until)) {
                    held = f;
                    return;
                }
                for (JsonElement u : updates) {
                    JsonObject o = u.getAsJsonObject();
                    var side = "bid".equals(o.get("side").getAsString()) ? bids : asks;
                    BigDecimal q = new BigDecimal(o.get("new_quantity").getAsString());
                    BigDecimal p = new BigDecimal(o.get("price_level").getAsString());
                    if (q.signum() == 0) {
                        side.remove(p);
                    } else {
                        side.put(p, q);
                    }
                }
            }
        }

        String top(boolean bid, int n) {
            StringBuilder sb = new StringBuilder();
            (bid ? bids.descendingMap() : asks).entrySet().stream().limit(n).forEach(e -> sb.append(e.getKey()
                    .stripTrailingZeros().toPlainString()).append('=').append(e.getValue().stripTrailingZeros()
                    .toPlainString()).append(' '));
            return sb.toString();
        }
    }

    private static String restTop(JsonObject book, String side) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement l : book.getAsJsonArray(side)) {
            JsonObject o = l.getAsJsonObject();
            sb.append(new BigDecimal(o.get("price").getAsString()).stripTrailingZeros().toPlainString()).append('=')
                    .append(new BigDecimal(o.get("size").getAsString()).stripTrailingZeros().toPlainString())
                    .append(' ');
        }
        return sb.toString();
    }

    /** Compares the socket's book with REST's at REST's time, {@code rounds} times; returns how many agreed. */
    private static int agreeing(ExchangeSimulator sim, PlainClient c, Book book, String product, int rounds)
            throws Exception {
        int agreed = 0;
        for (int i = 0; i < rounds; i++) {
            JsonObject rest = SimRestTest.json(SimRestTest.get(sim, "/market/product_book?product_id=" + product
                    + "&limit=10")).getAsJsonObject("pricebook");
            book.readThrough(c, Instant.parse(rest.get("time").getAsString()));
            if (book.top(true, 10).equals(restTop(rest, "bids")) && book.top(false, 10).equals(restTop(rest, "asks"))) {
                agreed++;
            }
        }
        return agreed;
    }

    @Test
    void restServesTheBookTheSocketsUpdatesBuild() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("level2", "ETH-USD");
            Book book = new Book();
            book.readThrough(c, Instant.MIN); // the snapshot
            assertEquals(10, agreeing(sim, c, book, "ETH-USD", 10));
        }
    }

    @Test
    void bookDriftLeavesTheSocketsBookWrongForGood() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withFaults(
                new Faults(List.of(new Fault.BookDrift(Duration.ofMillis(300))))));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("level2", "ETH-USD");
            Book book = new Book();
            book.readThrough(c, Instant.MIN);
            JsonObject frame = c.await(PlainClient.channel("l2_data"), Duration.ofSeconds(2));
            assertNotNull(frame);
            book.held = frame;
            long wait = System.nanoTime() + Duration.ofMillis(600).toNanos();
            while (System.nanoTime() < wait) {
                book.readThrough(c, Instant.now());
            }
            assertEquals(0, agreeing(sim, c, book, "ETH-USD", 3));
        }
    }
}
