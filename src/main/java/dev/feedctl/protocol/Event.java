package dev.feedctl.protocol;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The events inside an Advanced Trade frame, one record per channel (docs/protocol.md §3). Decimals are BigDecimal. */
public sealed interface Event {

    record Heartbeat(String currentTime, long counter) implements Event {
    }

    record Candle(String productId, long start, BigDecimal open, BigDecimal high, BigDecimal low,
                  BigDecimal close, BigDecimal volume) {
    }

    record Candles(String type, List<Candle> candles) implements Event {
    }

    record ProductStatus(String id, String productType, String baseCurrency, String quoteCurrency,
                         String status, String statusMessage) {
    }

    record Status(String type, List<ProductStatus> products) implements Event {
    }

    /** One ticker entry; best bid/ask are null on ticker_batch, which does not carry them. */
    record Ticker(String productId, BigDecimal price, BigDecimal volume24h, BigDecimal low24h, BigDecimal high24h,
                  BigDecimal low52w, BigDecimal high52w, BigDecimal pricePercentChange24h,
                  BigDecimal bestBid, BigDecimal bestBidQuantity, BigDecimal bestAsk, BigDecimal bestAskQuantity) {
    }

    record Tickers(String type, List<Ticker> tickers) implements Event {
    }

    enum Side { BID, OFFER }

    /**
     * An absolute quantity at a price level; zero removes the level. The two decimals also come {@link
     * DecimalsAndTimes#packed packed}, as the decoder read their digits: the book check holds changes as longs.
     */
    record L2Update(Side side, Instant eventTime, BigDecimal priceLevel, BigDecimal newQuantity, long packedPrice,
                    long packedQuantity) {
        public L2Update(Side side, Instant eventTime, BigDecimal priceLevel, BigDecimal newQuantity) {
            this(side, eventTime, priceLevel, newQuantity, DecimalsAndTimes.packed(priceLevel),
                    DecimalsAndTimes.packed(newQuantity));
        }
    }

    record L2(String type, String productId, List<L2Update> updates) implements Event {
    }

    /** A trade; price and size also come {@link DecimalsAndTimes#packed packed} (the trades check keeps longs). */
    record Trade(String tradeId, String productId, BigDecimal price, BigDecimal size, String side, Instant time,
                 long packedPrice, long packedSize) {
        public Trade(String tradeId, String productId, BigDecimal price, BigDecimal size, String side, Instant time) {
            this(tradeId, productId, price, size, side, time, DecimalsAndTimes.packed(price),
                    DecimalsAndTimes.packed(size));
        }
    }

    record MarketTrades(String type, List<Trade> trades) implements Event {
    }

    record Order(String orderId, String productId, String orderSide, String status) {
    }

    record User(String type, List<Order> orders, JsonObject positions) implements Event {
    }

    record FuturesBalanceSummary(String type, Map<String, BigDecimal> balances) implements Event {
    }

    /** The connection's whole current subscription set, keyed by subscribe name. */
    record Subscriptions(Map<String, List<String>> subscriptions) implements Event {
    }

    /** An event of a channel feedctl does not know (drift, not an error). */
    record Unknown(JsonObject json) implements Event {
    }
}
