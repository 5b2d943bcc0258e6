package dev.feedctl.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.cli.Run;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** REST servers that answer what no exchange would: feedctl goes on, says what it could not use, never crashes. */
@Timeout(60)
class HostileRestTest {

    /**
     * A last trade priced {@code 1E+999999999}: valid decimal text whose subtraction throws. tail's REST thread used
     * to die on it (ArithmeticException, a stack trace) and the REST column kept showing its last answer.
     */
    @Test
    void anAbsurdRestPriceIsNeverComparedAndTheRestCheckGoesOn() throws Exception {
        com.sun.net.httpserver.HttpServer rest = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 5);
        rest.createContext("/", ex -> {
            byte[] body = ("{\"trades\":[{\"trade_id\":\"1\",\"product_id\":\"BTC-USD\",\"price\":\"1E+999999999\","
                    + "\"size\":\"1\",\"side\":\"BUY\",\"time\":\"" + Instant.now() + "\"}],\"best_bid\":\"1\","
                    + "\"best_ask\":\"2\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        rest.start();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            Run r = Run.of("tail", "--ws-url", sim.wsUri().toString(), "--rest-url", "http://127.0.0.1:"
                    + rest.getAddress().getPort(), "-p", "BTC-USD", "--rest-check", "200ms", "--duration", "3s",
                    "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            long pricedRounds = 0;
            long restRounds = 0;
            for (String line : r.outLines()) {
                JsonObject o = Json.parse(line).getAsJsonObject();
                if (o.has("event") && o.get("event").getAsString().equals("rest")) {
                    restRounds++;
                    assertEquals("ok", o.get("state").getAsString(), line);
                    assertTrue(o.get("deviation_bps").isJsonNull(), "an absurd price is never compared: " + line);
                } else if (!o.has("event")) {
                    pricedRounds++;
                }
            }
            assertTrue(pricedRounds > 0, "the socket priced BTC-USD: " + r);
            assertTrue(restRounds >= 3, "the REST check went on round after round: " + restRounds + "\n" + r);
            assertFalse(r.err().contains("Exception"), r::toString);
        } finally {
            rest.stop(0);
        }
    }
}
