package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Fault;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.SimConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tail --metrics} and {@code monitor}: what Prometheus scrapes and a load balancer health-checks. */
@Timeout(60)
class MonitorCommandTest {

    /** The contract of issue 23: family, type, label names. Users' dashboards and alert rules depend on each. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("feedctl_product_age_seconds", "gauge product"),
            Map.entry("feedctl_product_stale", "gauge product"),
            Map.entry("feedctl_product_updates_total", "counter channel,product"),
            Map.entry("feedctl_product_price", "gauge product"),
            Map.entry("feedctl_product_best_bid", "gauge product"),
            Map.entry("feedctl_product_best_ask", "gauge product"),
            Map.entry("feedctl_rest_deviation_bps", "gauge product"),
            Map.entry("feedctl_missed_trades_total", "counter product"),
            Map.entry("feedctl_connected", "gauge shard"),
            Map.entry("feedctl_outages_total", "counter cause,shard"),
            Map.entry("feedctl_reconnect_attempts_total", "counter shard"),
            Map.entry("feedctl_downtime_seconds_total", "counter shard"),
            Map.entry("feedctl_sequence_gaps_total", "counter shard"),
            Map.entry("feedctl_frames_total", "counter channel"),
            Map.entry("feedctl_violations_total", "counter rule"),
            Map.entry("feedctl_heartbeat_age_seconds", "gauge shard"));

    private static final List<String> CAUSES = List.of("close", "drop", "stall", "refused", "error");

    @Test
    void theFirstScrapeHasEveryFamilyWithItsTypeAndLabelsAndZerosForEveryKnownLabelValue() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             TailCommandTest.Live t = new TailCommandTest.Live("tail", "--ws-url", sim.wsUri().toString(), "-p",
                     "BTC-USD,ETH-USD,SOL-USD", "--products-per-connection", "2", "--rest-check", "1s",
                     "--metrics", "0", "--duration", "4s", "-o", "ndjson")) {
            Scraper s = Scraper.of(t.err::toString);
            Exposition first = s.metrics();
            for (Map.Entry<String, String> f : FAMILIES.entrySet()) {
                String[] typeAndLabels = f.getValue().split(" ");
                assertEquals(typeAndLabels[0], first.type(f.getKey()), f.getKey() + " declared with its type\n" + t);
                List<Exposition.Sample> samples = first.named(f.getKey());
                assertTrue(!samples.isEmpty(), f.getKey() + " has samples from the first scrape\n" + t);
                for (Exposition.Sample sample : samples) {
                    assertEquals(typeAndLabels[1], String.join(",", sample.labels().keySet()), sample.toString());
                }
            }
            assertEquals("histogram", first.type("feedctl_exchange_lag_seconds"));
            List<Exposition.Sample> buckets = first.named("feedctl_exchange_lag_seconds_bucket");
            assertTrue(buckets.size() > 1 && buckets.stream().allMatch(b -> b.labels().keySet().equals(Set.of("le"))),
                    buckets::toString);
            assertEquals("+Inf", buckets.get(buckets.size() - 1).labels().get("le"));
            assertEquals(1, first.named("feedctl_exchange_lag_seconds_count").size());
            assertEquals(1, first.named("feedctl_exchange_lag_seconds_sum").size());
            assertEquals(Set.of("BTC-USD", "ETH-USD", "SOL-USD"), labelValues(first, "feedctl_missed_trades_total",
                    "product"));
            assertEquals(Set.of("0", "1"), labelValues(first, "feedctl_connected", "shard"), "two shards of two");
            for (String shard : List.of("0", "1")) {
                for (String cause : CAUSES) {
                    assertEquals(0, first.value("feedctl_outages_total", Map.of("shard", shard, "cause", cause)));
                }
            }
            assertTrue(labelValues(first, "feedctl_violations_total", "rule").contains("ticker.missing-field"));
            assertEquals(Set.of("BTC-USD", "ETH-USD", "SOL-USD"), labelValues(first, "feedctl_product_updates_total",
                    "product"));

            Exposition live = s.awaitMetrics(e -> e.value("feedctl_product_updates_total",
                    Map.of("product", "SOL-USD", "channel", "ticker")) > 0
                    && e.value("feedctl_connected", Map.of("shard", "1")) == 1, Duration.ofSeconds(10),
                    "prices counted on both shards");
            assertTrue(live.value("feedctl_frames_total", Map.of("channel", "ticker")) > 0);
            assertTrue(live.value("feedctl_exchange_lag_seconds_count", Map.of()) > 0);
            assertTrue(live.value("feedctl_product_price", Map.of("product", "BTC-USD")) > 0);

            Scraper.Reply open = s.get("/metrics", "application/openmetrics-text; version=1.0.0");
            assertTrue(open.contentType().startsWith("application/openmetrics-text"), open.contentType());
            assertTrue(open.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            assertEquals(200, s.awaitHealth(200, Duration.ofSeconds(10)).status());
            assertEquals(0, t.join(), t::toString);
        }
    }

    private static Set<String> labelValues(Exposition e, String name, String label) {
        return e.named(name).stream().map(s -> s.labels().get(label)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aFrozenProductIsStaleOnMetricsAndHealthzWithinMaxStalenessPlusOneSecondAndFreshAfterRecovery()
            throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             TailCommandTest.Live t = new TailCommandTest.Live("tail", "--ws-url", sim.wsUri().toString(), "-p",
                     "BTC-USD,ETH-USD", "--max-staleness", "1s", "--metrics", "0", "--duration", "12s",
                     "-o", "ndjson")) {
            Scraper s = Scraper.of(t.err::toString);
            s.awaitHealth(200, Duration.ofSeconds(10));
            sim.setFaults(Faults.NONE.with(new Fault.StaleProduct("BTC-USD", Duration.ZERO))); // frozen from now
            Scraper.Reply sick = s.awaitHealth(503, Duration.ofSeconds(8));
            JsonObject body = Json.parse(sick.body()).getAsJsonObject();
            JsonArray stale = body.getAsJsonArray("stale");
            assertEquals(1, stale.size(), sick.body());
            JsonObject btc = stale.get(0).getAsJsonObject();
            assertEquals("BTC-USD", btc.get("product").getAsString());
            // the first 503 comes while the product's age is within --max-staleness + 1 s of its last update
            double age = btc.get("age_seconds").getAsDouble();
            assertTrue(age >= 1.0 && age <= 2.0, sick.body());
            assertEquals(0, body.getAsJsonArray("disconnected").size(), sick.body());
            Exposition e = s.metrics();
            assertEquals(1, e.value("feedctl_product_stale", Map.of("product", "BTC-USD")), sick.body());
            assertEquals(0, e.value("feedctl_product_stale", Map.of("product", "ETH-USD")));

            sim.setFaults(Faults.NONE);
            Scraper.Reply well = s.awaitHealth(200, Duration.ofSeconds(8));
            assertEquals("ok", Json.parse(well.body()).getAsJsonObject().get("status").getAsString());
            assertEquals(0, s.metrics().value("feedctl_product_stale", Map.of("product", "BTC-USD")));
            assertEquals(0, t.join(), t::toString);
        }
    }

    @Test
    void eachOutageIsCountedOnceUnderItsCause() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             TailCommandTest.Live t = new TailCommandTest.Live("tail", "--ws-url", sim.wsUri().toString(),
                     "--metrics", "0", "--duration", "12s", "-o", "ndjson")) {
            Scraper s = Scraper.of(t.err::toString);
            Map<String, String> shard = Map.of("shard", "0");
            s.awaitMetrics(e -> e.value("feedctl_connected", shard) == 1, Duration.ofSeconds(10), "connected");
            sim.closeAll(1001, "going away");
            Exposition back = s.awaitMetrics(e -> e.value("feedctl_connected", shard) == 1
                    && e.value("feedctl_reconnect_attempts_total", shard) >= 1, Duration.ofSeconds(10),
                    "reconnected after the close");
            assertEquals(Map.of("close", 1.0, "drop", 0.0, "stall", 0.0, "refused", 0.0, "error", 0.0),
                    outages(back), t::toString);
            assertTrue(back.value("feedctl_downtime_seconds_total", shard) > 0, t::toString);
            double attempts = back.value("feedctl_reconnect_attempts_total", shard);
            sim.dropAll();
            Exposition again = s.awaitMetrics(e -> e.value("feedctl_connected", shard) == 1
                    && e.value("feedctl_reconnect_attempts_total", shard) > attempts, Duration.ofSeconds(10),
                    "reconnected after the drop");
            assertEquals(Map.of("close", 1.0, "drop", 1.0, "stall", 0.0, "refused", 0.0, "error", 0.0),
                    outages(again), t::toString);
            assertEquals(0, t.join(), t::toString);
        }
    }

    /** Trades the socket never delivered (REST has them) reach feedctl_missed_trades_total, as tail's events say. */
    @Test
    void tradesLostUpstreamOfTheSocketAreCountedInMissedTradesTotal() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Faults.NONE.with(new Fault.DropTrades(5))));
             TailCommandTest.Live t = new TailCommandTest.Live("tail", "--ws-url", sim.wsUri().toString(),
                     "--rest-url", sim.restUri().toString(), "-c", "market_trades", "--rest-check", "500ms",
                     "--metrics", "0", "--duration", "8s", "-o", "ndjson")) {
            Scraper s = Scraper.of(t.err::toString);
            Map<String, String> btc = Map.of("product", "BTC-USD");
            Exposition e = s.awaitMetrics(x -> x.value("feedctl_missed_trades_total", btc) >= 1,
                    Duration.ofSeconds(8), "missed trades counted");
            assertTrue(e.value("feedctl_missed_trades_total", btc) >= 1, t::toString);
            assertEquals(0, t.join(), t::toString);
            // the counter and the events tell one story: the events' running total is what the counter counted
            var totals = java.util.regex.Pattern.compile("\"event\":\"missed_trades\".*?\"missed\":(\\d+)")
                    .matcher(t.out.toString());
            long last = 0;
            while (totals.find()) {
                last = Long.parseLong(totals.group(1));
            }
            assertTrue(last >= e.value("feedctl_missed_trades_total", btc), t::toString);
        }
    }

    private static Map<String, Double> outages(Exposition e) {
        return CAUSES.stream().collect(Collectors.toMap(c -> c, c -> e.value("feedctl_outages_total",
                Map.of("shard", "0", "cause", c))));
    }

    @Test
    void aTakenPortIsExit2WithTheReasonBeforeAnythingConnects() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults());
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (String command : List.of("tail", "monitor")) {
                Run r = Run.of(command, "--ws-url", sim.wsUri().toString(), "--metrics",
                        "127.0.0.1:" + taken.getLocalPort(), "--duration", "5s");
                assertEquals(2, r.code(), r::toString);
                assertTrue(r.err().startsWith("feedctl " + command + ": --metrics 127.0.0.1:"
                        + taken.getLocalPort() + ": cannot listen there"), r::toString);
                assertTrue(r.err().contains("the port is taken"), r::toString);
                assertEquals("", r.out(), r::toString);
            }
            assertNull(sim.takeClientFrame(Duration.ofMillis(300)), "no subscribe reached the exchange");
            assertEquals(0, sim.framesSent(), "nothing was streamed: no connection was made");
        }
        Run bad = Run.of("tail", "--sim", "--metrics", "localhost:http");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("'http' is not a port"), bad::toString);
    }

    @Test
    void monitorWritesOnlyStatusEventsAndServesHealth() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live("monitor", "--sim", "-p", "BTC-USD,ETH-USD",
                "--metrics", "0", "--duration", "3s")) {
            Scraper s = Scraper.of(t.err::toString);
            s.awaitMetrics(e -> e.value("feedctl_product_updates_total",
                    Map.of("product", "ETH-USD", "channel", "ticker")) > 0, Duration.ofSeconds(10), "prices");
            assertEquals(0, t.join(), t::toString);
            List<JsonObject> lines = t.objects();
            assertTrue(!lines.isEmpty(), t::toString);
            assertTrue(lines.stream().allMatch(o -> o.has("event") && !o.has("price")), t::toString);
            assertEquals("connected", lines.get(0).get("event").getAsString(), t::toString);
        }
        assertEquals(2, Run.of("monitor", "--sim", "-o", "csv").code(), "monitor's stdout is NDJSON events only");
    }

    @Test
    void monitorRetriesWhatEndsTailsFirstConnectionAndHealthzSaysWhy() throws Exception {
        assertEquals(3, Run.of("tail", "--sim=refuse-404", "--metrics", "0").code(), "tail gives up at once");
        try (TailCommandTest.Live t = new TailCommandTest.Live("monitor", "--sim=refuse-404", "--metrics", "0",
                "--duration", "3s")) {
            Scraper s = Scraper.of(t.err::toString);
            Map<String, String> shard = Map.of("shard", "0");
            Exposition e = s.awaitMetrics(x -> x.value("feedctl_reconnect_attempts_total", shard) >= 1,
                    Duration.ofSeconds(10), "a reconnect attempt");
            assertEquals(1, e.value("feedctl_outages_total", Map.of("shard", "0", "cause", "refused")), t::toString);
            assertEquals(0, e.value("feedctl_connected", shard));
            Scraper.Reply health = s.get("/healthz", null);
            assertEquals(503, health.status(), health.body());
            JsonObject down = Json.parse(health.body()).getAsJsonObject().getAsJsonArray("disconnected").get(0)
                    .getAsJsonObject();
            assertEquals(0, down.get("shard").getAsInt(), health.body());
            assertTrue(down.get("cause").getAsString().contains("HTTP 404"), health.body());
            assertEquals(0, t.join(), t::toString);
        }
    }

    @Test
    void monitorEndsWith3OnlyWhenMaxReconnectsIsUsedUp() {
        Run r = Run.of("monitor", "--sim=refuse-404", "--max-reconnects", "1", "--metrics", "0");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("gave up after 1 reconnect"), r::toString);
        assertTrue(r.err().contains("HTTP 404"), r::toString);
    }
}
