package dev.feedctl.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/** Reads and validates the events of one channel (docs/protocol.md §3.3–§3.12). */
final class EventReader {

    private static final Set<String> EVENT_TYPES = Set.of("snapshot", "update");
    private static final Set<String> L2_SIDES = Set.of("bid", "offer");
    private static final Set<String> TRADE_SIDES = Set.of("BUY", "SELL");
    private static final Set<String> ORDER_STATUSES = Set.of("PENDING", "OPEN", "FILLED", "CANCEL_QUEUED",
            "CANCELLED", "EXPIRED", "FAILED");
    private static final String[] L2_SIDE_WORDS = L2_SIDES.toArray(String[]::new);
    private static final String[] TRADE_SIDE_WORDS = TRADE_SIDES.toArray(String[]::new);
    private static final String[] EVENT_TYPE_WORDS = {"update", "snapshot"};
    private static final FieldReader.Names TICKER_FIELDS = new FieldReader.Names("type", "product_id", "price", "volume_24_h",
            "low_24_h", "high_24_h", "low_52_w", "high_52_w", "price_percent_chg_24_h", "best_bid", "best_bid_quantity",
            "best_ask", "best_ask_quantity");
    private static final String[] TICKER_TYPE_WORDS = {"ticker"};
    private static final List<String> FCM_DECIMALS = List.of("futures_buying_power", "total_usd_balance",
            "cbi_usd_balance", "cfm_usd_balance", "total_open_orders_hold_amount", "unrealized_pnl",
            "daily_realized_pnl", "initial_margin", "available_margin", "liquidation_threshold",
            "liquidation_buffer_amount", "liquidation_buffer_percentage");

    private final String channel;
    private final String scope;
    private final FieldReader f;
    private final JsonIndex t;

    private EventReader(String channel, FieldReader f) {
        this.channel = channel;
        this.scope = "l2_data".equals(channel) ? "l2" : channel;
        this.f = f;
        this.t = f.tape();
    }

    /** The channels of the fact sheet, as they name themselves in frames. */
    static final String[] CHANNELS = {"ticker", "heartbeats", "l2_data", "ticker_batch", "market_trades", "candles",
        "status", "user", "futures_balance_summary", "subscriptions"};

    /** A reader for a message channel name, or null for a channel the fact sheet does not list. */
    static EventReader forChannel(String channel, FieldReader f) {
        return switch (channel) {
            case "heartbeats", "candles", "status", "ticker", "ticker_batch", "l2_data", "market_trades", "user",
                    "futures_balance_summary", "subscriptions" -> new EventReader(channel, f);
            default -> null;
        };
    }

    /** The event object at node {@code e} (the caller has {@link FieldReader#enter entered} its path). */
    Event read(int e) {
        return switch (channel) {
            case "heartbeats" -> heartbeat(e);
            case "candles" -> candles(e);
            case "status" -> status(e);
            case "ticker" -> tickers(e, true);
            case "ticker_batch" -> tickers(e, false);
            case "l2_data" -> l2(e);
            case "market_trades" -> marketTrades(e);
            case "user" -> user(e);
            case "futures_balance_summary" -> futures(e);
            default -> subscriptions(e);
        };
    }

    private String eventType(int e) {
        String type = f.string(e, "type", scope, true, EVENT_TYPE_WORDS);
        if (type != null && !EVENT_TYPES.contains(type)) {
            f.drift("unknown-event-type", f.at("type"), "event type \"" + type + "\" is neither snapshot nor update");
        }
        return type;
    }

    /** Each object of an array field, its path entered while it is read; non-objects are violations. */
    private void each(int e, String field, boolean required, IntConsumer item) {
        int items = f.array(e, field, scope, required);
        if (items < 0) {
            return;
        }
        int i = 0;
        for (int n = items + 1; n < t.after(items); n = t.after(n), i++) {
            f.enter(field, i);
            int o = f.element(n, scope);
            if (o >= 0) {
                item.accept(o);
            }
            f.leave();
        }
    }

    /**
     * heartbeat_counter: every capture sends a JSON number, the docs (and the official SDK's types) a string; both
     * are accepted. current_time is Go's time.String() on the wire, "+00:00" in one fixture: kept as text.
     */
    private Event heartbeat(int e) {
        String currentTime = f.string(e, "current_time", scope, true);
        Long counter = f.integer(e, "heartbeat_counter", scope, true, true);
        return new Event.Heartbeat(currentTime, counter == null ? -1 : counter);
    }

    private Event candles(int e) {
        String type = eventType(e);
        List<Event.Candle> out = new ArrayList<>();
        each(e, "candles", true, c -> {
            Long start = f.integer(c, "start", scope, true, true);
            out.add(new Event.Candle(f.productId(c, scope), start == null ? -1 : start,
                    f.decimal(c, "open", scope, true), f.decimal(c, "high", scope, true),
                    f.decimal(c, "low", scope, true), f.decimal(c, "close", scope, true),
                    f.decimal(c, "volume", scope, true)));
        });
        return new Event.Candles(type, out);
    }

    private Event status(int e) {
        String type = eventType(e);
        List<Event.ProductStatus> out = new ArrayList<>();
        each(e, "products", true, s -> {
            f.decimal(s, "base_increment", scope, false);
            f.decimal(s, "quote_increment", scope, false);
            f.decimal(s, "min_market_funds", scope, false);
            out.add(new Event.ProductStatus(f.string(s, "id", scope, true),
                    f.string(s, "product_type", scope, false), f.string(s, "base_currency", scope, false),
                    f.string(s, "quote_currency", scope, false), f.string(s, "status", scope, true),
                    f.string(s, "status_message", scope, false)));
        });
        return new Event.Status(type, out);
    }

    private static final String[] BOOK = {"best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity"};

    /**
     * ticker and ticker_batch alike (docs/protocol.md §3.7). Sources disagree on the best bid/ask fields: absent from both
     * channels in 2023 captures, present on ticker since 2024-04, absent from ticker_batch by its docs prose, present
     * in one ticker_batch fixture. So: all four or none. None is drift to report (the 2023 shape), never a violation;
     * some but not all is a half book, a violation.
     */
    private Event tickers(int e, boolean liveChannel) {
        String type = eventType(e);
        List<Event.Ticker> out = new ArrayList<>(2);
        each(e, "tickers", true, k -> {
            f.string(k, "type", scope, false, TICKER_TYPE_WORDS);
            boolean anyBook = false;
            for (String field : BOOK) {
                anyBook |= !t.isNull(t.get(k, field));
            }
            if (!anyBook && liveChannel) {
                f.drift("ticker-without-book", f.here(), "no best_bid/best_ask on this ticker (their 2023 shape)");
            }
            out.add(new Event.Ticker(f.productId(k, scope),
                    f.positive(k, "price", scope, true), f.decimal(k, "volume_24_h", scope, true),
                    f.decimal(k, "low_24_h", scope, true), f.decimal(k, "high_24_h", scope, true),
                    f.decimal(k, "low_52_w", scope, false), f.decimal(k, "high_52_w", scope, false),
                    f.decimal(k, "price_percent_chg_24_h", scope, true),
                    f.decimal(k, "best_bid", scope, anyBook),
                    f.decimal(k, "best_bid_quantity", scope, anyBook),
                    f.decimal(k, "best_ask", scope, anyBook),
                    f.decimal(k, "best_ask_quantity", scope, anyBook)));
            f.unknownFields(k, TICKER_FIELDS);
        });
        return new Event.Tickers(type, out);
    }

    private Event l2(int e) {
        String type = eventType(e);
        String product = f.productId(e, scope);
        List<Event.L2Update> out = new ArrayList<>();
        each(e, "updates", true, u -> {
            String side = f.oneOf(u, "side", scope, L2_SIDES, L2_SIDE_WORDS);
            BigDecimal quantity = f.decimal(u, "new_quantity", scope, true);
            long packedQuantity = f.lastPacked();
            if (quantity != null && quantity.signum() < 0) {
                f.error(scope, "new_quantity-negative", f.at("new_quantity"),
                        "new_quantity is the absolute size at the level and cannot be negative");
            }
            Instant time = f.timestamp(u, "event_time", scope, true);
            BigDecimal price = f.positive(u, "price_level", scope, true);
            out.add(new Event.L2Update(side == null ? null : "bid".equals(side) ? Event.Side.BID : Event.Side.OFFER,
                    time, price, quantity, f.lastPacked(), packedQuantity));
        });
        return new Event.L2(type, product, out);
    }

    private Event marketTrades(int e) {
        String type = eventType(e);
        List<Event.Trade> out = new ArrayList<>();
        each(e, "trades", true, r -> {
            String id = f.string(r, "trade_id", scope, true);
            String product = f.productId(r, scope);
            BigDecimal price = f.positive(r, "price", scope, true);
            long packedPrice = f.lastPacked();
            BigDecimal size = f.positive(r, "size", scope, true);
            long packedSize = f.lastPacked();
            out.add(new Event.Trade(id, product, price, size, f.oneOf(r, "side", scope, TRADE_SIDES, TRADE_SIDE_WORDS),
                    f.timestamp(r, "time", scope, true), packedPrice, packedSize));
        });
        return new Event.MarketTrades(type, out);
    }

    private Event user(int e) {
        String type = eventType(e);
        List<Event.Order> out = new ArrayList<>();
        each(e, "orders", true, o -> {
            String status = f.string(o, "status", scope, true);
            if (status != null && !ORDER_STATUSES.contains(status)) {
                f.drift("unknown-order-status", f.at("status"), "order status \"" + status + "\" is not documented");
            }
            for (String field : List.of("avg_price", "cumulative_quantity", "leaves_quantity", "total_fees")) {
                f.decimal(o, field, scope, false);
            }
            out.add(new Event.Order(f.string(o, "order_id", scope, true), f.productId(o, scope),
                    f.string(o, "order_side", scope, true), status));
        });
        int positions = f.object(e, "positions", scope, false);
        return new Event.User(type, out, positions < 0 ? null : t.toGson(positions).getAsJsonObject());
    }

    private Event futures(int e) {
        String type = eventType(e);
        int summary = f.object(e, "fcm_balance_summary", scope, true);
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        if (summary >= 0) {
            f.enter("fcm_balance_summary", -1);
            for (String field : FCM_DECIMALS) {
                BigDecimal value = f.decimal(summary, field, scope, false);
                if (value != null) {
                    balances.put(field, value);
                }
            }
            f.leave();
        }
        return new Event.FuturesBalanceSummary(type, balances);
    }

    private Event subscriptions(int e) {
        int subs = f.object(e, "subscriptions", scope, true);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (subs >= 0) {
            f.enter("subscriptions", -1);
            for (int k = subs + 1; k < t.after(subs); k = t.after(k + 1)) {
                String channel = t.string(k);
                int list = k + 1;
                List<String> products = new ArrayList<>();
                if (t.kind(list) != JsonIndex.ARRAY) {
                    f.error(scope, "wrong-type", f.at(channel), "each subscription must list product ids in an array");
                } else {
                    for (int id = list + 1; id < t.after(list); id = t.after(id)) {
                        if (t.kind(id) == JsonIndex.STRING) {
                            products.add(t.string(id));
                        } else {
                            f.error(scope, "wrong-type", f.at(channel), "product ids must be strings, got "
                                    + f.kind(id));
                        }
                    }
                }
                out.put(channel, products);
            }
            f.leave();
        }
        return new Event.Subscriptions(out);
    }
}
