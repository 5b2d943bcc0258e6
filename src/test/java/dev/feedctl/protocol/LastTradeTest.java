package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one reader of REST's trades and the one dead-or-quiet rule, on the exchange's clock. */
class LastTradeTest {

    private static LastTrade of(String json) {
        return LastTrade.read(json);
    }

    /**
     * How the newest trade was read before, through Gson's tree (time and price only when JSON strings): the reader
     * on the frames' JsonIndex must read every answer to the same trade.
     */
    private static LastTrade throughGson(String body) {
        JsonObject answer = RestAnswers.gsonObject(body);
        if (answer == null || !(answer.get("trades") instanceof JsonArray trades)) {
            return null;
        }
        if (trades.isEmpty()) {
            return LastTrade.NONE;
        }
        LastTrade newest = null;
        for (JsonElement t : trades) {
            if (!t.isJsonObject()) {
                continue;
            }
            JsonObject o = t.getAsJsonObject();
            Instant at = o.get("time") instanceof JsonPrimitive p && p.isString()
                    ? DecimalsAndTimes.time(p.getAsString()) : null;
            if (at != null && (newest == null || at.isAfter(newest.at()))) {
                BigDecimal price = o.get("price") instanceof JsonPrimitive p && p.isString()
                        ? NetworkText.decimal(p.getAsString()) : null;
                newest = new LastTrade(at, price != null && price.signum() > 0 ? price : null);
            }
        }
        return newest;
    }

    @Test
    void readsEveryAnswerAsGsonsTreeOfItSaid() {
        String answer = "{\"trades\":[{\"trade_id\":\"7\",\"product_id\":\"BTC-USD\",\"price\":\"64000.5\","
                + "\"size\":\"0.1\",\"time\":\"2026-04-07T00:28:58.123456Z\",\"side\":\"BUY\"},"
                + "{\"trade_id\":\"8\",\"price\":\"64001\",\"time\":\"2026-04-07T00:28:59Z\"}],"
                + "\"best_bid\":\"64000\",\"best_ask\":\"64001\"}";
        for (String body : new String[] {answer, "{\"trades\":[]}", "{\"trades\":[1,2]}", "{\"trades\":{}}",
            "[]", "", "not json", "{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":64000}]}",
            "{\"trades\":[{\"time\":1775521738,\"price\":\"1\"}]}",
            "{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"6\\u0034\"}]}",
            "{\"trades\":[],\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"2\"}]}"}) {
            assertEquals(throughGson(body), of(body), body);
        }
        RestAnswers.assertDamagedReadAlike(answer, LastTradeTest::throughGson, LastTradeTest::of);
    }

    @Test
    void theNewestTradeIsTakenWhateverTheOrder() {
        LastTrade t = of("{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"1\"},"
                + "{\"time\":\"2026-04-07T00:28:59.5Z\",\"price\":\"2.5\"},{\"time\":\"nonsense\",\"price\":\"3\"}]}");
        assertEquals(Instant.parse("2026-04-07T00:28:59.5Z"), t.at());
        assertEquals(new BigDecimal("2.5"), t.price());
    }

    @Test
    void anAbsurdPriceIsDroppedNotUsed() {
        LastTrade t = of("{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"1E+999999999\"}]}");
        assertEquals(Instant.parse("2026-04-07T00:28:58Z"), t.at());
        assertNull(t.price());
    }

    @Test
    void noTradesListedIsQuietAndAnAnswerThatCannotSayIsNothing() {
        assertSame(LastTrade.NONE, of("{\"trades\":[]}"));
        assertFalse(LastTrade.NONE.showsTradeAfter(Instant.EPOCH));
        assertNull(of("{\"error\":\"x\"}"));
        assertNull(of("{\"trades\":[{\"price\":\"1\"}]}"));
    }

    @Test
    void deadOnlyWhenRestShowsATradeAfterTheSocketsLastUpdate() {
        LastTrade t = new LastTrade(Instant.parse("2026-04-07T00:00:10Z"), BigDecimal.ONE);
        assertTrue(t.showsTradeAfter(Instant.parse("2026-04-07T00:00:09Z")));
        assertFalse(t.showsTradeAfter(Instant.parse("2026-04-07T00:00:10Z")));
        assertEquals(1000, t.newerThan(Instant.parse("2026-04-07T00:00:09Z")).toMillis());
    }
}
