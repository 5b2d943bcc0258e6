package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.TestKeys;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Fault;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.SimConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tail} against the simulator: the stream's schema, and what each fault does to a long-running feed. */
@Timeout(60)
class TailCommandTest {

    @TempDir
    Path dir;

    /** tail running on a thread of its own, its output watched while faults are injected. */
    static final class Live implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;
        final List<String> args;
        volatile int code = -1;

        Live(String... args) {
            this(null, args);
        }

        /** tail drawing its table on {@code screen} (a virtual terminal) whatever stdout is; null: stdout decides. */
        Live(Supplier<TailScreen> screen, String... args) {
            this.args = Arrays.asList(args);
            thread = new Thread(() -> code = run(screen, args), "tail-under-test");
            thread.start();
        }

        private int run(Supplier<TailScreen> screen, String[] args) {
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            if (screen == null) {
                return Cli.run(o, e, Map.of(), args);
            }
            CommandLine cl = Cli.create(o, e, Map.of());
            ((TailCommand) cl.getSubcommands().get("tail").getCommand()).screen = screen;
            return cl.execute(args);
        }

        List<JsonObject> objects() {
            return TailCommandTest.objects(out.toString());
        }

        /** Waits (polling, bounded) until some stdout object matches. */
        JsonObject await(Predicate<JsonObject> what, String description) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            while (System.nanoTime() < end) {
                for (JsonObject o : objects()) {
                    if (what.test(o)) {
                        return o;
                    }
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("never saw " + description + "\n" + this);
        }

        int join() throws InterruptedException {
            thread.join(30_000);
            return code;
        }

        @Override
        public void close() throws InterruptedException {
            thread.join(30_000);
        }

        @Override
        public String toString() {
            return "feedctl " + String.join(" ", args) + "\n--- exit " + code + "\n--- stdout\n" + out + "--- stderr\n"
                    + err;
        }
    }

    static List<JsonObject> objects(String text) {
        List<JsonObject> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() || i == lines.length - 1 && !text.endsWith("\n")) {
                continue; // a line still being written
            }
            out.add(Json.parse(lines[i]).getAsJsonObject()); // strict: a broken line fails the test
        }
        return out;
    }

    private static Predicate<JsonObject> event(String name) {
        return o -> o.has("event") && name.equals(o.get("event").getAsString());
    }

    private static Predicate<JsonObject> priceOn(long connection) {
        return o -> o.has("product") && o.has("price") && o.get("connection").getAsLong() == connection;
    }

    @Test
    void theStreamIsOneNdjsonLinePerPriceUpdateWithStatusEvents() {
        Run r = Run.of("tail", "--sim", "--duration", "1500ms", "-p", "BTC-USD,ETH-USD");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> all = objects(r.out());
        List<JsonObject> prices = all.stream().filter(o -> o.has("price")).toList();
        assertTrue(prices.size() >= 4, r::toString);
        for (JsonObject p : prices) {
            assertEquals(List.of("product", "price", "bid", "ask", "exchange_time", "received_at", "sequence",
                    "connection", "channel"), new ArrayList<>(p.keySet()), p.toString());
            assertEquals(1, p.get("connection").getAsLong());
        }
        assertTrue(prices.stream().anyMatch(p -> p.get("product").getAsString().equals("ETH-USD")), r::toString);
        assertEquals(1, all.stream().filter(event("connected")).count(), r::toString);
    }

    @Test
    void csvHasAHeaderAndEightColumnsAndEventsGoToStderr() {
        Run r = Run.of("tail", "--sim=going-away", "--duration", "2500ms", "-o", "csv");
        assertEquals(0, r.code(), r::toString);
        List<String> lines = r.outLines();
        assertEquals("product,price,bid,ask,exchange_time,received_at,sequence,connection", lines.get(0));
        assertTrue(lines.size() > 3, r::toString);
        for (String l : lines.subList(1, lines.size())) {
            assertEquals(8, l.split(",", -1).length, l);
            assertTrue(l.startsWith("BTC-USD,"), l);
        }
        assertTrue(r.err().contains("\"event\":\"outage\"") && r.err().contains("\"event\":\"reconnected\""),
                r::toString);
        assertFalse(r.out().contains("event"), r::toString);
    }

    @Test
    void aGoingAwayCloseIsOneOutageThenPricesFromTheNewConnection() throws Exception {
        try (Live t = new Live("tail", "--sim=going-away", "--duration", "4s")) {
            JsonObject back = t.await(event("reconnected"), "a reconnect");
            assertEquals(1001, back.get("close_code").getAsInt(), t::toString);
            assertEquals("close", back.get("kind").getAsString());
            assertTrue(back.get("cause").getAsString().contains("going away"), t::toString);
            assertTrue(back.get("downtime_ms").getAsLong() < 5000, t::toString);
            assertTrue(back.get("lost_data").getAsString().contains("cannot be counted"), t::toString);
            t.await(priceOn(2), "a price from connection 2");
            assertEquals(0, t.join(), t::toString);
            long outages = t.objects().stream().filter(event("outage")).count();
            long reconnected = t.objects().stream().filter(event("reconnected")).count();
            assertTrue(outages >= 1 && outages - reconnected <= 1, "each outage reported once\n" + t);
        }
    }

    @Test
    void anAbruptDropIs1006AndTailReconnects() throws Exception {
        try (Live t = new Live("tail", "--sim=abrupt-drop", "--duration", "3500ms")) {
            JsonObject back = t.await(event("reconnected"), "a reconnect");
            assertEquals(1006, back.get("close_code").getAsInt(), t::toString);
            t.await(priceOn(2), "a price from connection 2");
            assertEquals(0, t.join(), t::toString);
        }
    }

    @Test
    void aNormalClose1000AfterDataReconnectsLikeAnyOther() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             Live t = new Live("tail", "--ws-url", sim.wsUri().toString(), "--duration", "20s",
                     "--max-reconnects", "0")) {
            t.await(priceOn(1), "a first price");
            sim.closeAll(1000, "");
            JsonObject back = t.await(event("gave_up").or(event("reconnected")), "the outage's end");
            assertEquals("gave_up", back.get("event").getAsString(), "--max-reconnects 0 allows no attempt\n" + t);
            assertEquals(3, t.join(), t::toString);
            assertTrue(t.err.toString().contains("last cause: close 1000"), t::toString);
        }
    }

    @Test
    void a1009OnAReconnectIsRetriedWhileOnTheFirstConnectionItEndsTheRun() throws Exception {
        Run first = Run.of("tail", "--sim=big-snapshot", "-c", "level2", "--max-message-size", "1048576",
                "--duration", "10s");
        assertEquals(3, first.code(), first::toString);
        assertTrue(first.err().contains("1009") && first.err().contains("--max-message-size"), first::toString);

        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             Live t = new Live("tail", "--ws-url", sim.wsUri().toString(), "-c", "level2", "--max-message-size",
                     "1048576", "--duration", "20s")) {
            t.await(event("connected"), "a first connection");
            sim.setFaults(Faults.NONE.with(new Fault.BigSnapshot(4 * 1024 * 1024)));
            sim.closeAll(1001, "going away");
            t.await(o -> event("retrying").test(o) && o.get("last_cause").getAsString().contains("1009"),
                    "a retry after the 1009");
            sim.setFaults(Faults.NONE);
            JsonObject back = t.await(event("reconnected"), "the feed back");
            assertTrue(back.get("attempts").getAsInt() >= 2, t::toString);
            t.thread.interrupt(); // not needed to end: --duration does; keeps the test short when it works
        }
    }

    @Test
    void everythingStalledIsDetectedByTheHeartbeatWatchdogAndReconnected() throws Exception {
        try (Live t = new Live("tail", "--sim=stall-all", "--duration", "6s")) {
            JsonObject back = t.await(event("reconnected"), "a reconnect after the stall");
            assertEquals("stall", back.get("kind").getAsString(), t::toString);
            assertTrue(back.get("cause").getAsString().startsWith("no heartbeat for 3."), t::toString);
            long detection = back.get("detection_ms").getAsLong();
            // the last heartbeat may precede the last ticker frame: at most 3 s from the heartbeat, less from the data
            assertTrue(detection > 0 && detection < 4500, "found within the 3 s watch: " + detection + "\n" + t);
        }
    }

    @Test
    void withoutHeartbeatsTheStallTimeoutFindsASilentSocket() throws Exception {
        try (Live t = new Live("tail", "--sim=stall-all", "--no-heartbeats", "--stall-timeout", "1s",
                "--duration", "4s")) {
            JsonObject back = t.await(event("reconnected"), "a reconnect after the silence");
            assertTrue(back.get("cause").getAsString().startsWith("no frame at all for 1."), t::toString);
        }
    }

    @Test
    void dataStalledWithHeartbeatsAliveMarksTheProductStaleNotTheConnectionDead() {
        Run r = Run.of("tail", "--sim=stall-data", "--duration", "3s", "--max-staleness", "1s");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> all = objects(r.out());
        JsonObject stale = all.stream().filter(event("stale")).findFirst().orElseThrow(() -> new AssertionError(r));
        assertEquals("BTC-USD", stale.get("product").getAsString());
        assertEquals(0, all.stream().filter(event("outage")).count(), "heartbeats prove the socket alive\n" + r);
    }

    @Test
    void aRefusedUpgradeHonoursRetryAfterAndGivesUpAfterMaxReconnects() {
        Run r = Run.of("tail", "--sim=refuse-429", "--max-reconnects", "2");
        assertEquals(3, r.code(), r::toString);
        List<JsonObject> retries = objects(r.out()).stream().filter(event("retrying")).toList();
        assertEquals(2, retries.size(), r::toString);
        retries.forEach(o -> assertTrue(o.get("wait_ms").getAsLong() >= 1000, "Retry-After: 1 honoured\n" + r));
        assertTrue(r.err().contains("gave up after 2 reconnects") && r.err().contains("HTTP 429"), r::toString);
        assertEquals(1, objects(r.out()).stream().filter(event("gave_up")).count(), r::toString);
    }

    @Test
    void aRefusedUpgradeWithoutRetryAfterBacksOffWithJitter() {
        Run r = Run.of("tail", "--sim=refuse-503", "--max-reconnects", "3");
        assertEquals(3, r.code(), r::toString);
        List<Long> waits = objects(r.out()).stream().filter(event("retrying"))
                .map(o -> o.get("wait_ms").getAsLong()).toList();
        assertEquals(3, waits.size(), r::toString);
        assertTrue(waits.get(0) <= 250 && waits.get(1) <= 500 && waits.get(2) <= 1000, "under each ceiling: "
                + waits);
    }

    @Test
    void aReconnectThatIsNeverAcknowledgedIsAnOutageUntilTheServerAcknowledgesAgain() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             Live t = new Live("tail", "--ws-url", sim.wsUri().toString(), "--timeout", "1s", "--duration", "20s")) {
            t.await(priceOn(1), "a first price");
            sim.setFaults(Faults.NONE.with(new Fault.NoAck()));
            sim.closeAll(1001, "going away");
            t.await(o -> event("retrying").test(o) && o.get("last_cause").getAsString()
                    .startsWith("no subscriptions acknowledgement"), "a retry after the missing ack");
            sim.setFaults(Faults.NONE);
            JsonObject back = t.await(event("reconnected"), "the feed back");
            assertEquals("no-ack", back.get("kind").getAsString(), t::toString);
            t.thread.interrupt();
        }
    }

    @Test
    void aKeyTheExchangeRejectsEndsTheFirstConnectionWithExit4() throws Exception {
        KeyPair registered = TestKeys.ec();
        Path other = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, registered.getPublic())))) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--key-file", other.toString(), "-c", "user",
                    "--duration", "10s");
            assertEquals(4, r.code(), r::toString);
            assertTrue(r.err().contains("the key was rejected"), r::toString);
        }
    }

    @Test
    void aLegacyServerOrA404EndsAtOnceLikeSubscribe() {
        Run legacy = Run.of("tail", "--sim=legacy-exchange", "--duration", "10s");
        assertEquals(5, legacy.code(), legacy::toString);
        assertTrue(legacy.err().contains("legacy Exchange"), legacy::toString);
        Run missing = Run.of("tail", "--sim=refuse-404", "--duration", "10s");
        assertEquals(3, missing.code(), missing::toString);
        assertTrue(missing.err().contains("upgrade refused with HTTP 404"), missing::toString);
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertEquals(2, Run.of("tail", "--sim", "--max-reconnects", "-1").code());
        assertEquals(2, Run.of("tail", "--sim", "--stall-timeout", "0s").code());
        assertEquals(2, Run.of("tail", "--sim", "-o", "json").code());
        assertEquals(2, Run.of("tail", "--sim", "--products-per-connection", "0").code());
    }

    @Test
    void restCheckCallsAStaleProductDeadWhenRestShowsTradesTheSocketDidNotDeliver() {
        Run r = Run.of("tail", "--sim=stale-product", "-p", "BTC-USD,ETH-USD", "--rest-check", "300ms",
                "--max-staleness", "1s", "--duration", "3500ms");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> all = objects(r.out());
        assertTrue(all.stream().anyMatch(o -> event("stale").test(o) && o.get("product").getAsString()
                .equals("BTC-USD")), r::toString);
        assertTrue(all.stream().anyMatch(o -> event("rest").test(o) && o.get("product").getAsString()
                .equals("BTC-USD") && o.get("state").getAsString().equals("dead")), r::toString);
        assertFalse(all.stream().anyMatch(o -> event("rest").test(o) && o.get("product").getAsString()
                .equals("ETH-USD") && !o.get("state").getAsString().equals("ok")), "ETH-USD trades on\n" + r);
    }

    @Test
    void restCheckCallsAProductQuietWhenRestShowsNoTradesEither() {
        Run r = Run.of("tail", "--sim=quiet-product", "-p", "BTC-USD,ETH-USD", "--rest-check", "300ms",
                "--max-staleness", "1s", "--duration", "3500ms");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> rest = objects(r.out()).stream().filter(event("rest"))
                .filter(o -> !o.get("state").getAsString().equals("ok")).toList();
        assertFalse(rest.isEmpty(), r::toString);
        rest.forEach(o -> assertEquals("quiet", o.get("state").getAsString(), r::toString));
    }

    @Test
    void level2AloneGivesBidAskAndTheMidFromTheBook() {
        Run r = Run.of("tail", "--sim", "-c", "level2", "--duration", "1500ms", "--max-staleness", "1s");
        assertEquals(0, r.code(), r::toString);
        List<JsonObject> prices = objects(r.out()).stream().filter(o -> o.has("price")).toList();
        assertFalse(prices.isEmpty(), r::toString);
        for (JsonObject p : prices) {
            java.math.BigDecimal bid = p.get("bid").getAsBigDecimal();
            java.math.BigDecimal ask = p.get("ask").getAsBigDecimal();
            assertTrue(bid.compareTo(ask) < 0, "a book that is not crossed: " + p);
            assertEquals(0, bid.add(ask).divide(java.math.BigDecimal.valueOf(2)).compareTo(p.get("price")
                    .getAsBigDecimal()), p.toString());
        }
        assertFalse(objects(r.out()).stream().anyMatch(event("stale")), "a live book is not stale\n" + r);
    }

    @Test
    void everyReconnectSignsAFreshJwtAndTheRecordingHoldsNone() throws Exception {
        KeyPair registered = TestKeys.ec();
        Path key = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(registered));
        Path rec = dir.resolve("rec.ndjson");
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, registered.getPublic())));
             Live t = new Live("tail", "--ws-url", sim.wsUri().toString(), "--key-file", key.toString(),
                     "--duration", "20s", "--record", rec.toString())) {
            t.await(priceOn(1), "a first price");
            sim.closeAll(1001, "going away");
            t.await(priceOn(2), "a price after the reconnect");
            t.thread.interrupt();
            t.join();
            java.util.Set<String> jwts = new java.util.HashSet<>();
            String frame;
            while ((frame = sim.takeClientFrame(Duration.ZERO)) != null) {
                JsonObject o = Json.parse(frame).getAsJsonObject();
                if (o.has("jwt")) {
                    jwts.add(o.get("jwt").getAsString());
                }
            }
            assertTrue(jwts.size() >= 4, "a JWT per subscribe, two channels on each of two connections: " + jwts.size());
            String recorded = java.nio.file.Files.readString(rec);
            for (String jwt : jwts) {
                assertFalse(recorded.contains(jwt.substring(jwt.lastIndexOf('.') + 1)), "no signature in the record");
            }
            assertFalse(t.out.toString().contains("eyJ") || t.err.toString().contains("eyJ"), t::toString);
        }
    }

    @Test
    void everyGapIsReportedEvenPastTheHundredKeptForReports() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(6000)
                .withFaults(Faults.NONE.with(new Fault.SequenceGaps(10, 2))))) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--duration", "3s");
            assertEquals(0, r.code(), r::toString);
            List<JsonObject> gaps = objects(r.out()).stream().filter(event("gap")).toList();
            assertTrue(gaps.size() > 100, "gap events: " + gaps.size());
            gaps.forEach(g -> assertEquals(2, g.get("missing").getAsLong(), g.toString()));
            long connections = gaps.stream().map(g -> g.get("connection").getAsLong()).distinct().count();
            assertEquals(1, connections, "all on one connection");
        }
    }
}
