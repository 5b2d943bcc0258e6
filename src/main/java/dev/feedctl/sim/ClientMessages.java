package dev.feedctl.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.feedctl.protocol.ProductIds;
import java.util.ArrayList;
import java.util.List;

/** Reading what clients send: strings and product id lists, tolerant of anything malformed. */
final class ClientMessages {

    private ClientMessages() {
    }

    static String string(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    static List<String> productIds(JsonElement e) {
        List<String> ids = new ArrayList<>();
        if (e instanceof JsonArray a) {
            for (JsonElement id : a) {
                String s = string(id);
                if (s != null && Market.isProductId(s)) {
                    ids.add(ProductIds.canonical(s));
                }
            }
        }
        return ids;
    }
}
