package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFieldsTest {

    /** A client's product_ids as the sim and exam both read them: good ids kept in order, every other one named. */
    @Test
    void productIdsKeepTheWellFormedAndNameTheRestAsSent() {
        List<String> malformed = new ArrayList<>();
        List<String> ids = RequestFields.productIds(
                JsonParser.parseString("[\"BTC-USD\", \"btc-usd\", 7, null, {\"id\":\"X\"}, \"ETH-USDC\"]"),
                malformed::add);
        assertEquals(List.of("BTC-USD", "ETH-USDC"), ids);
        assertEquals(List.of("btc-usd", "7", "null", "{\"id\":\"X\"}"), malformed);
    }

    @Test
    void anythingButAnArrayHasNoIdsAndNothingMalformed() {
        List<String> malformed = new ArrayList<>();
        assertEquals(List.of(), RequestFields.productIds(JsonParser.parseString("\"BTC-USD\""), malformed::add));
        assertEquals(List.of(), RequestFields.productIds(null, malformed::add));
        assertEquals(List.of(), malformed);
    }

    @Test
    void stringIsNullForEverythingButAJsonString() {
        assertEquals("ticker", RequestFields.string(JsonParser.parseString("\"ticker\"")));
        assertNull(RequestFields.string(JsonParser.parseString("1")));
        assertNull(RequestFields.string(JsonParser.parseString("null")));
        assertNull(RequestFields.string(JsonParser.parseString("[\"ticker\"]")));
        assertNull(RequestFields.string(null));
    }
}
