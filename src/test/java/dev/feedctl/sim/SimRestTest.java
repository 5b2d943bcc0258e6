package dev.feedctl.sim;

import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST side: documented shapes, agreement with the socket, and its faults. */
@Timeout(30)
class SimRestTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(ExchangeSimulator sim, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.restUri() + "/api/v3/brokerage" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        return Json.parse(r.body()).getAsJsonObject();
    }

    @Test
    void endpointsAnswerInTheDocumentedShapes() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            JsonObject time = json(get(sim, "/time"));
            assertTrue(Math.abs(time.get("epochSeconds").getAsLong() - Instant.now().getEpochSecond()) <= 2);
            assertTrue(time.get("iso").getAsString().endsWith("Z"));
            JsonObject product = json(get(sim, "/market/products/BTC-USD"));
            assertEquals("BTC-USD", product.get("product_id").getAsString());
            new BigDecimal(product.get("price").getAsString());
            JsonObject book = json(get(sim, "/market/product_book?product_id=BTC-USD&limit=5"));
            assertEquals(5, book.getAsJsonObject("pricebook").getAsJsonArray("bids").size());
            JsonObject ticker = json(get(sim, "/market/products/BTC-USD/ticker?limit=3"));
            assertTrue(ticker.has("best_bid") && ticker.has("best_ask") && ticker.has("trades"));
            JsonObject candles = json(get(sim, "/market/products/BTC-USD/candles?granularity=ONE_MINUTE"));
            assertEquals(1, candles.getAsJsonArray("candles").size());
            HttpResponse<String> missing = get(sim, "/market/products/not_a_product");
            assertEquals(404, missing.statusCode());
            assertTrue(json(missing).has("error"));
        }
    }

    /**
     * An idle simulator (nobody on its socket) makes at most {@link MarketPump#IDLE_RATE} matches a second, whatever
     * its --rate: at --rate 1000000 it used to burn a core between runs on the cores the client under test needs.
     * REST still sees the market move, and a client that connects brings the full rate back.
     */
    @Test
    void aSimulatorNobodyIsConnectedToKeepsItsMarketQuiet() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(1_000_000))) {
            long first = -1;
            for (int i = 0; i < 200 && first < 0; i++) { // the first ask makes BTC-USD trade
                first = lastTradeId(sim);
                Thread.sleep(10);
            }
            assertTrue(first >= 0, "BTC-USD never traded");
            long t0 = System.nanoTime();
            Thread.sleep(600);
            long second = lastTradeId(sim);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(second > first, "the market still moves for REST: " + first + " -> " + second);
            assertTrue(second - first <= MarketPump.IDLE_RATE * (seconds + 0.2) + 5,
                    (second - first) + " matches in " + seconds + " s with nobody connected");
            try (PlainClient client = PlainClient.open(sim.wsUri())) {
                Thread.sleep(300);
                long third = lastTradeId(sim);
                assertTrue(third - second > 10 * MarketPump.IDLE_RATE,
                        "a connected client brings the configured rate back: " + (third - second) + " matches");
            }
        }
    }

    private static long lastTradeId(ExchangeSimulator sim) throws Exception {
        com.google.gson.JsonArray trades = json(get(sim, "/market/products/BTC-USD/ticker?limit=1"))
                .getAsJsonArray("trades");
        return trades.isEmpty() ? -1 : Long.parseLong(trades.get(0).getAsJsonObject().get("trade_id").getAsString());
    }

    @Test
    void theStartUpCatalogueRealClientsAskForIsServed() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            JsonObject all = json(get(sim, "/market/products"));
            assertTrue(all.getAsJsonArray("products").size() >= 5, all::toString);
            assertEquals(all.getAsJsonArray("products").size(), all.get("num_products").getAsInt());
            JsonObject btc = all.getAsJsonArray("products").asList().stream().map(e -> e.getAsJsonObject())
                    .filter(p -> p.get("product_id").getAsString().equals("BTC-USD")).findFirst().orElseThrow();
            for (String field : new String[] {"base_currency_id", "quote_currency_id", "base_min_size",
                "quote_increment", "price_increment", "status", "product_type"}) {
                assertTrue(btc.has(field), () -> field + " missing: " + btc);
            }
            JsonObject some = json(get(sim, "/market/products?product_ids=ETH-USD&product_ids=SOL-USD"));
            assertEquals(2, some.getAsJsonArray("products").size(), some::toString);
            assertEquals(1, json(get(sim, "/market/products?limit=1")).getAsJsonArray("products").size());
            // ccxt's loadMarkets also asks for futures and perpetuals: none here, in the same shape
            JsonObject futures = json(get(sim, "/market/products?product_type=FUTURE&contract_expiry_type=PERPETUAL"));
            assertEquals(0, futures.getAsJsonArray("products").size());
            for (String v2 : new String[] {"/v2/currencies", "/v2/currencies/crypto", "/v2/exchange-rates",
                "/v2/time"}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.restUri() + v2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), v2);
                assertTrue(json(r).has("data"), () -> v2 + ": " + r.body());
            }
        }
    }

    @Test
    void restPricesAgreeWithTheSocket() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(5));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.subscribe("ticker", "ETH-USD");
            c.await(PlainClient.channel("ticker"), Duration.ofSeconds(3));
            JsonObject t = c.await(PlainClient.channel("ticker"), Duration.ofSeconds(3));
            String socketPrice = t.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonArray("tickers").get(0)
                    .getAsJsonObject().get("price").getAsString();
            String restPrice = json(get(sim, "/market/products/ETH-USD")).get("price").getAsString();
            // at 5 matches/s the next match is 200 ms away; REST read right after the frame sees the same trade
            assertEquals(socketPrice, restPrice);
        }
    }

    @Test
    void priceOffsetShiftsRestByTheGivenBasisPoints() throws Exception {
        // a market this slow makes no match during the test: the price is BTC-USD's opening 68900.00
        try (ExchangeSimulator plain = ExchangeSimulator.start(SimConfig.defaults().withRate(0.001));
             ExchangeSimulator shifted = ExchangeSimulator.start(SimConfig.defaults().withRate(0.001)
                     .withFaults(Faults.NONE.with(new Fault.RestPriceOffset(200))))) {
            assertEquals("68900.00", json(get(plain, "/market/products/BTC-USD")).get("price").getAsString());
            assertEquals("70278.00", json(get(shifted, "/market/products/BTC-USD")).get("price").getAsString());
            assertEquals("70278.00", json(get(shifted, "/market/product_book?product_id=BTC-USD")).get("last")
                    .getAsString());
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndTheDocumentedBody() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.REST_429.faults()))) {
            HttpResponse<String> r = get(sim, "/market/products/BTC-USD");
            assertEquals(429, r.statusCode());
            assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("0", r.headers().firstValue("x-ratelimit-remaining").orElseThrow());
            assertEquals("{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}",
                    r.body());
        }
    }

    @Test
    void serverErrorsAreAnsweredEveryNthRequest() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Faults.NONE.with(new Fault.RestServerError(2, 503))))) {
            assertEquals(200, get(sim, "/time").statusCode());
            assertEquals(503, get(sim, "/time").statusCode());
            assertEquals(200, get(sim, "/time").statusCode());
        }
    }

    @Test
    void clockSkewShowsInTheTimeEndpoint() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.CLOCK_SKEW.faults()))) {
            long skew = json(get(sim, "/time")).get("epochSeconds").getAsLong() - Instant.now().getEpochSecond();
            assertTrue(skew >= 138 && skew <= 142, "skew " + skew);
        }
    }
}
