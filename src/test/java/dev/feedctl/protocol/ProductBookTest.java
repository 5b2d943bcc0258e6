package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The book check's reader of REST product_book answers must read exactly what Gson's tree of them says. */
class ProductBookTest {

    /** What the book check read before, through Gson: null when there is no pricebook object. */
    private static List<Object> throughGson(String body) {
        JsonObject root = RestAnswers.gsonObject(body);
        if (root == null || root.get("pricebook") == null || !root.get("pricebook").isJsonObject()) {
            return null;
        }
        JsonObject book = root.getAsJsonObject("pricebook");
        return Arrays.asList(text(book, "time"), side(book.get("bids")), side(book.get("asks")));
    }

    private static List<List<String>> side(JsonElement e) {
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        for (JsonElement l : e.getAsJsonArray()) {
            if (!l.isJsonObject()) {
                return null;
            }
            out.add(Arrays.asList(text(l.getAsJsonObject(), "price"), text(l.getAsJsonObject(), "size")));
        }
        return out;
    }

    private static String text(JsonObject o, String field) {
        return RestAnswers.gsonText(o, field);
    }

    private static List<Object> fast(String body) {
        ProductBook.Answer a = ProductBook.read(body);
        return a == null ? null : Arrays.asList(a.time(), side(a.bids()), side(a.asks()));
    }

    private static List<List<String>> side(List<ProductBook.Level> levels) {
        if (levels == null) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        levels.forEach(l -> out.add(Arrays.asList(l.price(), l.size())));
        return out;
    }

    private static final String ANSWER = "{\"pricebook\":{\"product_id\":\"DOGE-USD\",\"bids\":[{\"price\":\"1.04\","
            + "\"size\":\"12.5\"},{\"price\":1.03,\"size\":\"0.0174\",\"extra\":[1,{\"a\":null}]}],\"asks\":[{\"price\":"
            + "\"1.0\\u0035\",\"size\":\"3\"},{\"price\":true,\"size\":{}}],\"time\":\"2026-12-06T08:55:48.570238043Z\"},"
            + "\"last\":\"1.04\",\"mid_market\":\"1.045\",\"spread_bps\":\"95\"}";

    @Test
    void readsWhatGsonReads() {
        String[] bodies = {ANSWER, "{\"pricebook\":{}}", "{}", "{\"pricebook\":[]}", "{\"pricebook\":null}", "[]",
            "", "not json", "<html>busy</html>", "{\"pricebook\":{\"bids\":[1],\"asks\":[]}}",
            "{\"pricebook\":{\"bids\":[],\"asks\":{},\"time\":7}}", "\ufeff{\"pricebook\":{}}",
            "{\"pricebook\":{\"time\":\"a\"},\"pricebook\":{\"time\":\"b\"}}",
            "{\"pricebook\":{\"bids\":[]}} x", " {\"pricebook\":{\"asks\":[{}]}} "};
        for (String body : bodies) {
            assertEquals(throughGson(body), fast(body), body);
        }
        assertEquals(Arrays.asList("2026-12-06T08:55:48.570238043Z", List.of(List.of("1.04", "12.5"),
                List.of("1.03", "0.0174")), List.of(List.of("1.05", "3"), Arrays.asList("true", null))), fast(ANSWER));
    }

    @Test
    void damagedAnswersAreReadAsGsonReadsThem() {
        RestAnswers.assertDamagedReadAlike(ANSWER, ProductBookTest::throughGson, ProductBookTest::fast);
    }
}
