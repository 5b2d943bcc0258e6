package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Scenario;
import dev.feedctl.sim.SimConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** verify's {@code book} check: the socket's level2 book against REST's product_book at REST's time. */
@Timeout(60)
class BookCheckTest {

    @Test
    void aHealthyBookPassesWithItsFigures() {
        Run r = Run.of("verify", "--sim", "-c", "level2", "--duration", "3500ms");
        assertEquals(0, r.code(), r::toString);
        String book = TradesCheckTest.line(r, "book");
        Matcher m = Pattern.compile("PASS book +(\\d+) REST books compared .* top 10 levels a side: (\\d+) levels "
                + "agreed, \\d+ differences explained by updates within REST's lag \\(1500 ms\\), 0 not; crossed 0")
                .matcher(book);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(2)) >= 20, r::toString);
    }

    @Test
    void theDepthIsTheUsers() {
        Run r = Run.of("verify", "--sim", "-c", "level2", "--duration", "2500ms", "--book-depth", "3");
        assertEquals(0, r.code(), r::toString);
        assertTrue(TradesCheckTest.line(r, "book").contains("top 3 levels a side"), r::toString);
        Run bad = Run.of("verify", "--sim", "-c", "level2", "--book-depth", "0");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--book-depth must be from 1 to 1000, got 0"), bad::toString);
    }

    @Test
    void noBookCheckWithoutLevel2() {
        Run r = Run.of("verify", "--sim", "--duration", "1s");
        assertFalse(r.out().contains(" book "), r::toString);
    }

    /** The simulator loses one level2 update upstream and rests that book: verify names a level REST has. */
    @Test
    void aLostUpdateFailsNamingProductSideAndPrice() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.BOOK_DRIFT.faults()))) {
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "level2", "--duration", "4s");
            assertEquals(1, r.code(), r::toString);
            assertTrue(TradesCheckTest.line(r, "book").startsWith("FAIL book"), r::toString);
            assertTrue(TradesCheckTest.line(r, "sequence").startsWith("PASS"), "no gap shows it\n" + r);
            Matcher m = Pattern.compile("book drift: \\d+ of \\d+ REST books differ .*?; BTC-USD (bid|offer) "
                    + "([0-9.]+): socket ([0-9.]+|no level), REST ([0-9.]+|no level) at ([^;\\s]+)").matcher(r.out());
            assertTrue(m.find(), r::toString);
            assertFalse(m.group(3).equals(m.group(4)), r::toString);
            // the rested book is still REST's: the level named is REST's level, with REST's size
            HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    sim.restUri() + "/api/v3/brokerage/market/product_book?product_id=BTC-USD&limit=50")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject book = Json.parse(rest.body()).getAsJsonObject().getAsJsonObject("pricebook");
            assertEquals(Instant.parse(m.group(5)), Instant.parse(book.get("time").getAsString()), r::toString);
            String size = "no level";
            for (JsonElement l : book.getAsJsonArray("bid".equals(m.group(1)) ? "bids" : "asks")) {
                if (new BigDecimal(l.getAsJsonObject().get("price").getAsString()).compareTo(new BigDecimal(m.group(2)))
                        == 0) {
                    size = new BigDecimal(l.getAsJsonObject().get("size").getAsString()).toPlainString();
                }
            }
            assertEquals(size, m.group(4), r::toString);
        }
    }

    /** A crossed book and a negative size need no REST: the socket's own frames convict it. */
    @Test
    void aCrossedBookAndANegativeSizeFailWithoutRest() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant at = Instant.now();
        lines.add(recorded(at, "{\"channel\":\"subscriptions\",\"timestamp\":\"2026-04-07T14:30:00Z\",\"sequence_num\":0,"
                + "\"events\":[{\"subscriptions\":{\"level2\":[\"ETH-USD\"]}}]}"));
        lines.add(recorded(at.plusMillis(10), l2(1, "snapshot", level("bid", "100.5", "2") + "," + level("offer",
                "101", "1"))));
        lines.add(recorded(at.plusMillis(20), l2(2, "update", level("bid", "101.5", "1"))));
        lines.add(recorded(at.plusMillis(30), l2(3, "update", level("offer", "102", "-1"))));
        lines.add(recorded(at.plusSeconds(30), l2(4, "update", level("offer", "103", "1"))));
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withReplay(
                SimConfig.Replay.of(lines.stream(), 10)))) {
            Run r = Run.of("verify", "--ws-url", sim.wsUri().toString(), "--rest-url", sim.restUri().toString(),
                    "-c", "level2", "-p", "ETH-USD", "--no-heartbeats", "--duration", "1500ms", "--min-messages", "1",
                    "--max-staleness", "60s");
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.out().contains("cause: crossed book 1 time, first ETH-USD at 2026-04-07T14:30:01Z: best bid "
                    + "101.5 >= best ask 101; 1 levels with a size that is negative or not a number, first ETH-USD offer "
                    + "102 at 2026-04-07T14:30:01Z: new_quantity -1"), r::toString);
        }
    }

    private static String l2(int seq, String type, String updates) {
        return "{\"channel\":\"l2_data\",\"timestamp\":\"2026-04-07T14:30:01Z\",\"sequence_num\":" + seq + ",\"events\":"
                + "[{\"type\":\"" + type + "\",\"product_id\":\"ETH-USD\",\"updates\":[" + updates + "]}]}";
    }

    private static String level(String side, String price, String size) {
        return "{\"side\":\"" + side + "\",\"event_time\":\"2026-04-07T14:30:01Z\",\"price_level\":\"" + price
                + "\",\"new_quantity\":\"" + size + "\"}";
    }

    private static String recorded(Instant at, String frame) {
        return "{\"received_at\":\"" + at + "\",\"connection\":1,\"frame\":" + Json.COMPACT.toJson(frame) + "}";
    }
}
