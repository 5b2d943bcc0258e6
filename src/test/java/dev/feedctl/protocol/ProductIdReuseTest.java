package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder hands out the instance of the product_id it read before when the text is the same (the checks compare
 * it once a trade). What each event and trade says must not change with it: another product, an escaped id, and the
 * next frame each read as written.
 */
class ProductIdReuseTest {

    private final FrameDecoder decoder = new FrameDecoder();

    private static String trade(String id, String product) {
        return "{\"trade_id\":\"" + id + "\",\"product_id\":\"" + product + "\",\"price\":\"10.5\",\"size\":\"0.1\","
                + "\"side\":\"BUY\",\"time\":\"2026-12-06T10:00:00.000001Z\"}";
    }

    private List<Event.Trade> trades(String... tradeObjects) {
        String frame = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2026-12-06T10:00:00.1Z\","
                + "\"sequence_num\":1,\"events\":[{\"type\":\"update\",\"trades\":[" + String.join(",", tradeObjects)
                + "]}]}";
        Decoded d = decoder.decode(frame);
        assertTrue(d.valid(), () -> d.violations().toString());
        return ((Event.MarketTrades) ((Frame.Data) d.frame()).events().get(0)).trades();
    }

    @Test
    void eachTradeKeepsItsOwnProductAndEqualTextsShareOneInstance() {
        List<Event.Trade> t = trades(trade("1", "BTC-USD"), trade("2", "BTC-USD"), trade("3", "ETH-USD"),
                trade("4", "BTC-USD"), trade("5", "BTC\\u002dUSD"), trade("6", "ETH-USD"));
        assertEquals(List.of("BTC-USD", "BTC-USD", "ETH-USD", "BTC-USD", "BTC-USD", "ETH-USD"),
                t.stream().map(Event.Trade::productId).toList());
        assertSame(t.get(0).productId(), t.get(1).productId());
        assertNotSame(t.get(1).productId(), t.get(2).productId());
    }

    /** The ledger asks its set only when a trade's product changes: every product of the frame still counts, once. */
    @Test
    void theLedgerNamesEveryProductOfATradesFrameOnce() {
        String frame = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2026-12-06T10:00:00.1Z\","
                + "\"sequence_num\":1,\"events\":[{\"type\":\"update\",\"trades\":[" + String.join(",",
                trade("1", "BTC-USD"), trade("2", "BTC-USD"), trade("3", "ETH-USD"), trade("4", "BTC-USD"),
                trade("5", "SOL-USD")) + "]}]}";
        Decoded d = decoder.decode(frame);
        assertTrue(d.valid(), () -> d.violations().toString());
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"),
                List.copyOf(FrameLedger.productsOf((Frame.Data) d.frame())));
    }

    @Test
    void theNextFrameReadsItsOwnProduct() {
        assertEquals("SOL-USD", trades(trade("1", "SOL-USD")).get(0).productId());
        List<Event.Trade> next = trades(trade("2", "SOL-USDC"), trade("3", "SOL-USD"));
        assertEquals(List.of("SOL-USDC", "SOL-USD"), next.stream().map(Event.Trade::productId).toList());
        String level2 = "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2026-12-06T10:00:00.1Z\","
                + "\"sequence_num\":2,\"events\":[{\"type\":\"update\",\"product_id\":\"DOGE-USD\",\"updates\":[{"
                + "\"side\":\"bid\",\"event_time\":\"2026-12-06T10:00:00.1Z\",\"price_level\":\"0.1\","
                + "\"new_quantity\":\"5\"}]}]}";
        Decoded d = decoder.decode(level2);
        assertTrue(d.valid(), () -> d.violations().toString());
        assertEquals("DOGE-USD", ((Event.L2) ((Frame.Data) d.frame()).events().get(0)).productId());
    }
}
