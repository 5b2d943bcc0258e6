package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fields of a message a client sends (subscribe, unsubscribe), read the same way by the simulator that answers it
 * and by {@code exam} that grades it: tolerant of anything malformed, which is the client's mistake to report, not a
 * reason to stop reading.
 */
public final class RequestFields {

    private RequestFields() {
    }

    /** The value of a JSON string; null for anything else (absent, a number, an object). */
    public static String string(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /**
     * The well-formed ids of a {@code product_ids} array, as sent, in order; each other element goes to
     * {@code malformed} (a string as written, anything else as its JSON). Not an array: no ids.
     */
    public static List<String> productIds(JsonElement e, Consumer<String> malformed) {
        List<String> ids = new ArrayList<>();
        if (e instanceof JsonArray a) {
            for (JsonElement id : a) {
                String s = string(id);
                if (s != null && ProductIds.isWellFormed(s)) {
                    ids.add(s);
                } else {
                    malformed.accept(s == null ? id.toString() : s);
                }
            }
        }
        return ids;
    }
}
