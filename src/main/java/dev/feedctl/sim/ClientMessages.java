package dev.feedctl.sim;

import com.google.gson.JsonElement;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.protocol.RequestFields;
import java.util.List;

/** What the exchange makes of a client's product ids: the well-formed ones, as its market channels name them. */
final class ClientMessages {

    private ClientMessages() {
    }

    /** Malformed ids are left out: the exchange subscribes to what it can read and says nothing of the rest. */
    static List<String> productIds(JsonElement e) {
        return RequestFields.productIds(e, malformed -> { }).stream().map(ProductIds::canonical).toList();
    }
}
