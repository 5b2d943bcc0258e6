package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trades check's fast reader of REST ticker answers must read exactly what Gson's tree of them says. */
class TickerTradesTest {

    /** What the trades check read before, through Gson: null when there is no trades array to read. */
    private static List<List<String>> throughGson(String body) {
        JsonObject root = RestAnswers.gsonObject(body);
        if (root == null || root.get("trades") == null || !root.get("trades").isJsonArray()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("trades")) {
            if (e.isJsonObject()) {
                JsonObject o = e.getAsJsonObject();
                rows.add(Arrays.asList(text(o, "trade_id"), text(o, "price"), text(o, "size"), text(o, "side"),
                        text(o, "time")));
            }
        }
        return rows;
    }

    private static String text(JsonObject o, String field) {
        return RestAnswers.gsonText(o, field);
    }

    private static List<List<String>> fast(String body) {
        List<List<String>> rows = new ArrayList<>();
        boolean read = TickerTrades.read(body, (id, price, size, side, time) -> rows.add(Arrays.asList(id, price, size,
                side, time)));
        return read ? rows : null;
    }

    private static final String ANSWER = "{\"trades\":[{\"trade_id\":\"995098911\",\"product_id\":\"DOGE-USD\","
            + "\"price\":\"1.05\",\"size\":\"0.04894466\",\"time\":\"2026-12-06T08:55:48.570238043Z\","
            + "\"side\":\"BUY\",\"bid\":\"\",\"ask\":\"\"},{\"trade_id\":995098912,\"price\":1.06,\"size\":"
            + "\"0.0174\",\"time\":\"2026-12-06T08:55:48.5709Z\",\"side\":\"S\\u0045LL\",\"extra\":[1,{\"a\":null}]},"
            + "7,[],{\"trade_id\":null,\"price\":true,\"size\":{},\"side\":false}],\"best_bid\":\"1.04\","
            + "\"best_ask\":\"1.07\"}";

    @Test
    void readsWhatGsonReads() {
        String[] bodies = {ANSWER, "{\"trades\":[]}", "{}", "{\"trades\":{}}", "{\"trades\":null}", "[]", "",
            "not json", "<html>busy</html>", "{\"trades\":[{}]}", "{\"trades\":[1,2]}", "\ufeff{\"trades\":[]}",
            "{\"trades\":[],\"trades\":[]}", "{\"trades\":[{\"trade_id\":\"1\"}]} x", " {\"trades\":[]} "};
        for (String body : bodies) {
            assertEquals(throughGson(body), fast(body), body);
        }
        assertEquals(List.of(Arrays.asList("995098911", "1.05", "0.04894466", "BUY",
                "2026-12-06T08:55:48.570238043Z"), Arrays.asList("995098912", "1.06", "0.0174", "SELL",
                "2026-12-06T08:55:48.5709Z"), Arrays.asList(null, "true", null, "false", null)), fast(ANSWER));
    }

    @Test
    void damagedAnswersAreReadAsGsonReadsThem() {
        RestAnswers.assertDamagedReadAlike(ANSWER, TickerTradesTest::throughGson, TickerTradesTest::fast);
    }
}
