package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.FrameDecoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every fault, as a client on the wire sees it. */
@Timeout(30)
class SimFaultsTest {

    private static ExchangeSimulator start(Fault... faults) throws Exception {
        Faults f = Faults.NONE;
        for (Fault x : faults) {
            f = f.with(x);
        }
        return ExchangeSimulator.start(SimConfig.defaults().withRate(100).withFaults(f));
    }

    /** Sequence numbers of every frame for {@code window}, after subscribing to heartbeats and ticker. */
    private static List<JsonObject> collect(ExchangeSimulator sim, Duration window) throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            c.subscribe("ticker", "BTC-USD");
            List<JsonObject> out = new ArrayList<>();
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                JsonObject o = c.next(Duration.ofMillis(50));
                if (o != null) {
                    out.add(o);
                }
            }
            return out;
        }
    }

    private static List<Long> sequences(List<JsonObject> frames) {
        return frames.stream().filter(o -> o.has("sequence_num") && o.get("sequence_num").isJsonPrimitive()
                && o.get("sequence_num").getAsJsonPrimitive().isNumber())
                .map(o -> o.get("sequence_num").getAsLong()).toList();
    }

    private static long jumps(List<Long> seqs) {
        long n = 0;
        for (int i = 1; i < seqs.size(); i++) {
            n += seqs.get(i) != seqs.get(i - 1) + 1 ? 1 : 0;
        }
        return n;
    }

    @Test
    void droppedFramesLeaveSequenceGaps() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.DropFrames(7))) {
            List<Long> seqs = sequences(collect(sim, Duration.ofSeconds(1)));
            assertTrue(seqs.size() > 30, "frames " + seqs.size());
            assertTrue(jumps(seqs) >= 3, "gaps in " + seqs);
        }
    }

    @Test
    void sequenceGapsSkipNumbers() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.SequenceGaps(10, 2))) {
            List<Long> seqs = sequences(collect(sim, Duration.ofSeconds(1)));
            assertTrue(jumps(seqs) >= 3, "gaps in " + seqs);
        }
    }

    @Test
    void stalledDataKeepsHeartbeatsGoing() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.StallData(Duration.ofMillis(500)))) {
            List<JsonObject> frames = collect(sim, Duration.ofMillis(2600));
            long lateTickers = frames.stream().filter(PlainClient.channel("ticker"))
                    .filter(o -> !o.getAsJsonArray("events").get(0).getAsJsonObject().get("type").getAsString()
                            .equals("snapshot")).count();
            long heartbeats = frames.stream().filter(PlainClient.channel("heartbeats")).count();
            assertTrue(lateTickers <= 60, "ticker frames only in the first 0.5 s at 100/s: " + lateTickers);
            assertTrue(heartbeats >= 2, "heartbeats continue: " + heartbeats);
        }
    }

    @Test
    void stallAllSendsNothingButKeepsTheSocketOpen() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.StallAll(Duration.ofMillis(300)));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            c.subscribe("ticker", "BTC-USD");
            int before = 0;
            while (c.next(Duration.ofMillis(1500)) != null) { // frames until the stall, then 1.5 s of silence
                assertTrue(++before < 1000, "the stall never began");
            }
            assertTrue(!c.closed.isDone(), "socket still open");
            assertEquals(1, sim.openConnections());
        }
    }

    @Test
    void malformedFramesBreakTheProtocolInEachOfTheThreeWays() throws Exception {
        FrameDecoder decoder = new FrameDecoder();
        try (ExchangeSimulator sim = start(new Fault.MalformedFrames(3))) {
            List<String> rules = new ArrayList<>();
            for (JsonObject o : collect(sim, Duration.ofSeconds(1))) {
                String text = o.has("raw") ? o.get("raw").getAsString() : o.toString();
                decoder.decode(text).errors().forEach(v -> rules.add(v.rule()));
            }
            assertTrue(rules.contains("frame.not-json"), rules.toString());
            assertTrue(rules.contains("envelope.missing-field"), rules.toString());
            assertTrue(rules.contains("envelope.wrong-type"), rules.toString());
        }
    }

    @Test
    void closesWithTheConfiguredCodeAndReason() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.Close(Duration.ofMillis(100), 1000, "deprecated hostname"));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            PlainClient.Close close = c.awaitClose(Duration.ofSeconds(5));
            assertEquals(1000, close.code());
            assertEquals("deprecated hostname", close.reason());
        }
        try (ExchangeSimulator sim = start(Scenario.GOING_AWAY.faults().all().get(0));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            assertEquals(1001, c.awaitClose(Duration.ofSeconds(5)).code());
        }
    }

    @Test
    void abruptDropEndsWithoutACloseFrame() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.AbruptDrop(Duration.ofMillis(300)));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("heartbeats");
            PlainClient.Close close = c.awaitClose(Duration.ofSeconds(5));
            assertEquals(1006, close.code(), "no close frame: " + close);
        }
    }

    @Test
    void refusedUpgradesAnswerWithTheirHttpStatus() throws Exception {
        for (int status : new int[] {404, 429}) {
            try (ExchangeSimulator sim = start(new Fault.RefuseUpgrade(status))) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                        .newWebSocketBuilder().buildAsync(sim.wsUri(), new java.net.http.WebSocket.Listener() { })
                        .get(5, TimeUnit.SECONDS));
                WebSocketHandshakeException h = (WebSocketHandshakeException) e.getCause();
                assertEquals(status, h.getResponse().statusCode());
                if (status == 429) {
                    assertEquals("1", h.getResponse().headers().firstValue("Retry-After").orElseThrow());
                }
            }
        }
    }

    @Test
    void bigSnapshotIsAtLeastEightMegabytes() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.BigSnapshot(8 * 1024 * 1024));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("level2", "BTC-USD");
            JsonObject snap = c.await(PlainClient.channel("l2_data"), Duration.ofSeconds(10));
            assertTrue(snap.toString().length() >= 8 * 1024 * 1024, "size " + snap.toString().length());
            assertTrue(new FrameDecoder().decode(snap.toString()).valid());
        }
    }

    @Test
    void slowAckComesLateAndNoAckNeverComes() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.SlowAck(Duration.ofMillis(1500)));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            long t0 = System.nanoTime();
            c.subscribe("ticker", "BTC-USD");
            assertNotNull(c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(5)));
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 1400);
        }
        try (ExchangeSimulator sim = start(new Fault.NoAck()); PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "BTC-USD");
            assertNull(c.await(PlainClient.channel("subscriptions"), Duration.ofSeconds(2)));
        }
    }

    @Test
    void legacyModeTakesOnlyTheChannelsArrayAndAnswersInTheLegacyFormat() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.LegacyExchange());
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "BTC-USD");
            assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\"}",
                    c.next(Duration.ofSeconds(3)).toString());
            c.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"heartbeat\","
                    + "{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}");
            JsonObject ack = c.next(Duration.ofSeconds(3));
            assertEquals("subscriptions", ack.get("type").getAsString());
            assertTrue(ack.has("channels"));
            JsonObject ticker = c.await(o -> o.has("type") && o.get("type").getAsString().equals("ticker"),
                    Duration.ofSeconds(3));
            assertTrue(ticker.has("sequence") && !ticker.has("channel"), ticker.toString());
        }
    }

    @Test
    void staleProductGoesSilentWhileOthersContinue() throws Exception {
        try (ExchangeSimulator sim = start(new Fault.StaleProduct("ETH-USD", Duration.ofMillis(300)));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "BTC-USD", "ETH-USD");
            List<String> products = new ArrayList<>();
            int btcSinceEth = 0;
            boolean sawEth = false;
            while (btcSinceEth < 30) { // read until 30 BTC-USD tickers in a row follow the last ETH-USD one
                JsonObject t = c.await(PlainClient.channel("ticker"), Duration.ofSeconds(2));
                assertNotNull(t, () -> "ticker stream ended; seen " + products);
                String id = t.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonArray("tickers").get(0)
                        .getAsJsonObject().get("product_id").getAsString();
                products.add(id);
                sawEth |= "ETH-USD".equals(id);
                btcSinceEth = "BTC-USD".equals(id) ? btcSinceEth + 1 : 0;
                assertTrue(products.size() < 2000, "ETH-USD never went silent");
            }
            assertTrue(sawEth, "ETH-USD traded before its stall point: " + products);
        }
    }
}
