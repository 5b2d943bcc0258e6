package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.feedctl.protocol.FrameDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's wire behaviour, seen through the JDK's WebSocket client. */
@Timeout(30)
class SimProtocolTest {

    private ExchangeSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = ExchangeSimulator.start(SimConfig.defaults().withRate(50));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** The exchange at ten times its real pace: the cadences are data, so their tests need not wait them out. */
    private static ExchangeSimulator fast() throws Exception {
        return ExchangeSimulator.start(SimConfig.defaults().withTimings(SimConfig.Timings.REAL.scaledDown(10)));
    }

    private static JsonObject subscriptionsOf(JsonObject ack) {
        return ack.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("subscriptions");
    }

    /** Closing says goodbye (1001) to a client still connected; closing an idle simulator frees its ports at once. */
    @Test
    void closeSaysGoingAwayToClientsAndFreesThePorts() throws Exception {
        PlainClient c = PlainClient.open(sim.wsUri());
        c.subscribe("heartbeats");
        c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5));
        sim.close();
        assertEquals(1001, c.awaitClose(Duration.ofSeconds(5)).code());
        c.close();

        ExchangeSimulator idle = ExchangeSimulator.start(SimConfig.defaults());
        int ws = idle.wsUri().getPort();
        int rest = idle.restUri().getPort();
        idle.close(); // no connection: the socket server ends without its shutdown polling
        ExchangeSimulator again = ExchangeSimulator.start(SimConfig.listening(ws, rest, null));
        try (PlainClient d = PlainClient.open(again.wsUri())) {
            d.subscribe("heartbeats");
            assertNotNull(d.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5)));
        } finally {
            again.close();
        }
    }

    @Test
    void ackListsTheWholeCurrentSetBySubscribeName() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            JsonObject first = c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5));
            assertEquals("{\"heartbeats\":[\"heartbeats\"]}", subscriptionsOf(first).toString());
            c.subscribe("level2", "BTC-USD");
            c.subscribe("ticker", "BTC-USD", "ETH-USD");
            c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5));
            JsonObject third = c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5));
            assertEquals("{\"heartbeats\":[\"heartbeats\"],\"level2\":[\"BTC-USD\"],\"ticker\":[\"BTC-USD\","
                    + "\"ETH-USD\"]}", subscriptionsOf(third).toString());
            c.send("{\"type\":\"unsubscribe\",\"channel\":\"ticker\",\"product_ids\":[\"ETH-USD\"]}");
            JsonObject fourth = c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5));
            assertEquals("[\"BTC-USD\"]", subscriptionsOf(fourth).get("ticker").toString());
        }
    }

    @Test
    void oneSequenceCounterCoversEveryFrameOnTheConnectionAndEveryFrameIsValid() throws Exception {
        FrameDecoder decoder = new FrameDecoder();
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            c.subscribe("ticker", "BTC-USD");
            c.subscribe("level2", "BTC-USD");
            c.subscribe("market_trades", "BTC-USD");
            c.subscribe("candles", "BTC-USD");
            c.subscribe("status", "BTC-USD");
            List<Long> seqs = new ArrayList<>();
            List<String> channels = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < end) {
                String text = c.frames.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (text != null) {
                    var d = decoder.decode(text);
                    assertTrue(d.valid(), () -> text + " -> " + d.errors());
                    seqs.add(d.data().sequenceNum());
                    channels.add(d.data().channel());
                }
            }
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i, seqs.get(i), "sequence_num runs 0,1,2,... across all channels");
            }
            for (String ch : List.of("subscriptions", "heartbeats", "ticker", "l2_data", "market_trades", "candles",
                    "status")) {
                assertTrue(channels.contains(ch), ch + " seen in " + channels);
            }
            assertFalse(channels.contains("level2"), "level2 data arrives as l2_data");
        }
    }

    @Test
    void level2SendsASnapshotThenUpdatesAsTheFeedDoesIn2026() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("level2", "ETH-USD");
            JsonObject snap = c.await(PlainClient.channel("l2_data"), Duration.ofSeconds(5));
            JsonObject event = snap.getAsJsonArray("events").get(0).getAsJsonObject();
            assertEquals("snapshot", event.get("type").getAsString());
            JsonArray updates = event.getAsJsonArray("updates");
            assertEquals(100, updates.size());
            // the 2026 feed stamps a snapshot with the engine's time, not the docs' 1970 placeholder
            Instant eventTime = Instant.parse(updates.get(0).getAsJsonObject().get("event_time").getAsString());
            assertTrue(eventTime.isAfter(Instant.parse("2020-01-01T00:00:00Z")), eventTime::toString);
            assertFalse(snap.has("client_id"), "2026 market data carries no client_id");
            JsonObject next = c.await(PlainClient.channel("l2_data"), Duration.ofSeconds(5));
            assertEquals("update", next.getAsJsonArray("events").get(0).getAsJsonObject().get("type").getAsString());
        }
    }

    @Test
    void tickerBatchHasNoBookAndComesEveryFiveHeartbeats() throws Exception {
        try (ExchangeSimulator fast = fast(); PlainClient c = PlainClient.open(fast.wsUri())) {
            c.subscribe("heartbeats");
            c.subscribe("ticker_batch", "BTC-USD");
            JsonObject snap = c.await(PlainClient.channel("ticker_batch"), Duration.ofSeconds(3));
            JsonObject ticker = snap.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonArray("tickers")
                    .get(0).getAsJsonObject();
            assertFalse(ticker.has("best_bid") || ticker.has("best_ask"), ticker.toString());
            // The cadence counted on the exchange's own clockwork, not timed: batches every 5 s, heartbeats every
            // second, both on one fixed-rate timer thread, so exactly five heartbeats lie between two batches however
            // late a loaded machine runs that thread (wall-clock bounds failed CI at 698 ms for 500).
            assertNotNull(c.await(PlainClient.channel("ticker_batch"), Duration.ofSeconds(3)), "first batch");
            long counter = -1;
            for (int batch = 0; batch < 4; batch++) {
                int heartbeats = 0;
                for (JsonObject o = c.next(Duration.ofSeconds(3)); ; o = c.next(Duration.ofSeconds(3))) {
                    assertNotNull(o, "batch " + batch + " never came");
                    String channel = o.has("channel") ? o.get("channel").getAsString() : "";
                    if (channel.equals("ticker_batch")) {
                        break;
                    }
                    if (channel.equals("heartbeats")) {
                        long next = o.getAsJsonArray("events").get(0).getAsJsonObject().get("heartbeat_counter")
                                .getAsLong();
                        assertTrue(counter < 0 || next == counter + 1, "heartbeat " + next + " after " + counter);
                        counter = next;
                        heartbeats++;
                    }
                }
                assertEquals(5, heartbeats, "heartbeats between batch " + batch + " and the next");
            }
        }
    }

    @Test
    void heartbeatsComeNoMoreThanOncePerSecondWithACounterThatStepsByOne() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            long previous = -1;
            for (int i = 1; i <= 4; i++) {
                JsonObject hb = c.await(PlainClient.channel("heartbeats"), Duration.ofSeconds(3));
                assertNotNull(hb, "heartbeat " + i);
                long counter = hb.getAsJsonArray("events").get(0).getAsJsonObject().get("heartbeat_counter")
                        .getAsLong();
                if (previous >= 0) {
                    assertEquals(previous + 1, counter);
                }
                previous = counter;
                // the i-th heartbeat is at least the i-th tick of a 1 s fixed-rate timer started after the client
                // began to connect; a late timer only makes this later, so the bound holds on any machine. That they
                // are not slower than the cadence is counted, not timed, in tickerBatchHasNoBookAndComesEveryFive...
                long sinceOpenMs = c.nanosSinceOpen() / 1_000_000;
                assertTrue(sinceOpenMs >= i * 1000L, "heartbeat " + i + " came " + sinceOpenMs + " ms after connect");
            }
        }
    }

    @Test
    void closesAConnectionThatSubscribesToNothingByTheDeadline() throws Exception {
        try (ExchangeSimulator fast = fast(); PlainClient c = PlainClient.open(fast.wsUri())) {
            PlainClient.Close close = c.awaitClose(Duration.ofSeconds(5));
            assertEquals(1000, close.code());
            // never before the deadline; how late a loaded machine runs the timer is not the simulator's contract
            assertTrue(close.afterMillis() >= 450, "closed after " + close.afterMillis() + " ms (deadline 500 ms)");
        }
    }

    @Test
    void legacyAndUnknownChannelNamesGetAuthenticationFailure() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            for (String name : List.of("heartbeat", "full", "matches", "l2_data")) {
                c.subscribe(name, "BTC-USD");
                JsonObject err = c.await(o -> o.has("type"), Duration.ofSeconds(3));
                assertEquals("{\"type\":\"error\",\"message\":\"authentication failure\"}", err.toString(), name);
            }
        }
    }

    @Test
    void privateChannelsWithoutAJwtAreRefused() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("user");
            JsonObject err = c.await(o -> o.has("type"), Duration.ofSeconds(3));
            assertEquals("authentication failure", err.get("message").getAsString());
        }
    }

    @Test
    void moreThanSixteenLevel2ProductsOnOneConnectionIsAnError() throws Exception {
        String[] products = new String[17];
        for (int i = 0; i < 17; i++) {
            products[i] = "P" + i + "-USD";
        }
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("level2", products);
            JsonObject err = c.await(o -> o.has("type"), Duration.ofSeconds(3));
            assertEquals("too many L2 streams requested in a single session", err.get("message").getAsString());
            assertNull(c.await(PlainClient.channel("l2_data"), Duration.ofMillis(500)));
        }
    }

    @Test
    void usdcProductsArriveUnderTheirUsdAlias() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "BTC-USDC");
            JsonObject t = c.await(PlainClient.channel("ticker"), Duration.ofSeconds(3));
            assertEquals("BTC-USD", t.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonArray("tickers")
                    .get(0).getAsJsonObject().get("product_id").getAsString());
        }
    }

    @Test
    void recordsWhatTheClientSent() throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "BTC-USD");
            assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}",
                    sim.takeClientFrame(Duration.ofSeconds(3)));
        }
    }

    @Test
    void theSameSeedGivesTheSamePrices() throws Exception {
        List<String> a = prices(7);
        List<String> b = prices(7);
        assertEquals(a, b);
    }

    private static List<String> prices(long seed) throws Exception {
        try (ExchangeSimulator s = ExchangeSimulator.start(SimConfig.defaults().withMarket(seed, 100));
             PlainClient c = PlainClient.open(s.wsUri())) {
            c.subscribe("ticker", "SOL-USD");
            List<String> out = new ArrayList<>();
            while (out.size() < 5) {
                // updates only: the snapshot shows the quote when it is taken, which a first match may beat
                JsonObject event = c.await(PlainClient.channel("ticker"), Duration.ofSeconds(3))
                        .getAsJsonArray("events").get(0).getAsJsonObject();
                if ("update".equals(event.get("type").getAsString())) {
                    out.add(event.getAsJsonArray("tickers").get(0).getAsJsonObject().get("price").getAsString());
                }
            }
            return out;
        }
    }
}
