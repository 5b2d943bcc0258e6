package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * For the tests of feedctl's own readers of REST answers: answers damaged the ways a cut or garbled one is, and the
 * reading through Gson that each reader must match.
 */
final class RestAnswers {

    /** JSON's own characters, so that many damaged answers still parse and their reading is compared too. */
    private static final String ALPHABET = "{}[]\",:0123456789.-eEtrufalsn \\u";

    private RestAnswers() {
    }

    /** One to three characters deleted, inserted or replaced. */
    static String damage(String answer, SplittableRandom r) {
        StringBuilder b = new StringBuilder(answer);
        for (int k = r.nextInt(1, 4); k > 0; k--) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                default -> b.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    /** The body's root object as Gson reads it, or null when it is no JSON or not an object. */
    static JsonObject gsonObject(String body) {
        JsonElement root;
        try {
            root = Json.parse(body);
        } catch (RuntimeException notJson) {
            return null;
        }
        return root.isJsonObject() ? root.getAsJsonObject() : null;
    }

    /** A member as the checks read it through Gson: a primitive's text, else null. */
    static String gsonText(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /**
     * 20,000 damaged copies of {@code answer} (seed 2026), each read alike by {@code gson} and {@code fast}; more than
     * 1,000 of them must still parse, so that readings are compared, not only refusals.
     */
    static <T> void assertDamagedReadAlike(String answer, Function<String, T> gson, Function<String, T> fast) {
        SplittableRandom r = new SplittableRandom(2026);
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = damage(answer, r);
            T expected = gson.apply(body);
            assertEquals(expected, fast.apply(body), body);
            read += expected == null ? 0 : 1;
        }
        assertTrue(read > 1_000, "some damaged answers still parse: " + read);
    }
}
