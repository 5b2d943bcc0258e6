package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import dev.feedctl.fuzz.FrameMutations;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder's scanner accepts exactly what {@link Json#parse} (gson, strict) accepts: the two must never disagree
 * on whether a frame is JSON, or a frame would be judged by one grammar and explained by another.
 */
class JsonIndexTest {

    @Property(tries = 1000, seed = "20261130")
    void acceptsExactlyWhatTheStrictReaderAccepts(@ForAll("frames") String frame) {
        assertEquals(gsonAccepts(frame), tapeAccepts(frame), frame.length() > 200 ? frame.substring(0, 200) : frame);
    }

    @Provide
    Arbitrary<String> frames() {
        return FrameMutations.frames();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " [1, -0, 1.5e-3, 1E+5, true, false, null, \"\\u00e9\\n\\/\"] ", "\ufeff{}", "\"\"",
        "01", "-", "1.", ".5", "1e", "{'a':1}", "{a:1}", "{\"a\":1}//", "{} x", "\"\u0001\"", "\"\t\"", "\"\\a\"",
        "\"\\'\"", "\"\\u12G4\"", "[1,]", "{\"a\":1,}", "[1 2]", "{}\u00a0", "truex", "NaN", "{\"a\":}", "{}{}", "",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}"})
    void agreesOnTheEdgesOfTheGrammar(String text) {
        assertEquals(gsonAccepts(text), tapeAccepts(text), text);
    }

    @Test
    void nestingStopsWhereGsonStops() {
        for (int depth = 250; depth <= 260; depth++) {
            String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
            assertEquals(gsonAccepts(nested), tapeAccepts(nested), "depth " + depth);
        }
        assertEquals(true, tapeAccepts("[".repeat(255) + "]".repeat(255)));
        assertEquals(false, tapeAccepts("[".repeat(256) + "]".repeat(256)));
    }

    @Test
    void theStrictReaderNamesTheOneNestingLimit() {
        String deep = "{\"a\":" + "[".repeat(255) + "]".repeat(255) + "}";
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(deep));
        assertEquals("nested deeper than 255 levels at $.a[0]" + "[0]".repeat(253), e.getMessage());
        assertEquals(false, tapeAccepts(deep));
    }

    @Test
    void numbersKeepTheirTextThroughEitherReader() throws JsonIndex.Refused {
        String frame = "[1E+5,-0.000000000000000000001,123456789012345678901234567890]";
        JsonIndex t = new JsonIndex();
        t.parse(frame);
        assertEquals(frame, Json.COMPACT.toJson(t.toGson(0)));
        assertEquals(frame, Json.COMPACT.toJson(Json.parse(frame)));
    }

    @Test
    void aDuplicateNameIsFoundAmongManyNames() {
        String names = IntStream.range(0, 40).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
        assertEquals(true, tapeAccepts("{" + names + "}"));
        assertEquals(false, tapeAccepts("{" + names + ",\"k7\":0}"));
        assertThrows(Json.DuplicateKey.class, () -> Json.parse("{" + names + ",\"k7\":0}"));
    }

    @Test
    void valuesReadBackAsWritten() throws JsonIndex.Refused {
        JsonIndex t = new JsonIndex();
        t.parse("{\"a\":\"x\\\"y\\u00e9\",\"b\":[1,{\"c\":null}],\"n\":-1.5e3}");
        assertEquals("x\"y\u00e9", t.string(t.get(0, "a")));
        assertEquals(JsonIndex.ARRAY, t.kind(t.get(0, "b")));
        assertEquals("-1.5e3", t.string(t.get(0, "n")));
        assertEquals(-1, t.get(0, "c"));
        assertEquals(Json.parse("{\"a\":\"x\\\"y\\u00e9\",\"b\":[1,{\"c\":null}],\"n\":-1.5e3}"), t.toGson(0));
    }

    private static boolean gsonAccepts(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }

    private static boolean tapeAccepts(String text) {
        try {
            new JsonIndex().parse(text);
            return true;
        } catch (JsonIndex.Refused e) {
            return false;
        }
    }
}
