package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates the events of one channel (PROTOCOL.md §3.3–§3.12). */
final class EventReader {

    private static final Set<String> EVENT_TYPES = Set.of("snapshot", "update");
    private static final Set<String> L2_SIDES = Set.of("bid", "offer");
    private static final Set<String> TRADE_SIDES = Set.of("BUY", "SELL");
    private static final Set<String> ORDER_STATUSES = Set.of("PENDING", "OPEN", "FILLED", "CANCEL_QUEUED",
            "CANCELLED", "EXPIRED", "FAILED");
    private static final Set<String> TICKER_FIELDS = Set.of("type", "product_id", "price", "volume_24_h", "low_24_h",
            "high_24_h", "low_52_w", "high_52_w", "price_percent_chg_24_h", "best_bid", "best_bid_quantity",
            "best_ask", "best_ask_quantity");
    private static final List<String> FCM_DECIMALS = List.of("futures_buying_power", "total_usd_balance",
            "cbi_usd_balance", "cfm_usd_balance", "total_open_orders_hold_amount", "unrealized_pnl",
            "daily_realized_pnl", "initial_margin", "available_margin", "liquidation_threshold",
            "liquidation_buffer_amount", "liquidation_buffer_percentage");

    private final String channel;
    private final String scope;
    private final Fields f;

    private EventReader(String channel, Fields f) {
        this.channel = channel;
        this.scope = "l2_data".equals(channel) ? "l2" : channel;
        this.f = f;
    }

    /** A reader for a message channel name, or null for a channel the fact sheet does not list. */
    static EventReader forChannel(String channel, Fields f) {
        return switch (channel) {
            case "heartbeats", "candles", "status", "ticker", "ticker_batch", "l2_data", "market_trades", "user",
                    "futures_balance_summary", "subscriptions" -> new EventReader(channel, f);
            default -> null;
        };
    }

    Event read(JsonObject e, String path) {
        return switch (channel) {
            case "heartbeats" -> heartbeat(e, path);
            case "candles" -> candles(e, path);
            case "status" -> status(e, path);
            case "ticker" -> tickers(e, path, true);
            case "ticker_batch" -> tickers(e, path, false);
            case "l2_data" -> l2(e, path);
            case "market_trades" -> marketTrades(e, path);
            case "user" -> user(e, path);
            case "futures_balance_summary" -> futures(e, path);
            default -> subscriptions(e, path);
        };
    }

    private String eventType(JsonObject e, String path) {
        String type = f.string(e, "type", path, scope, true);
        if (type != null && !EVENT_TYPES.contains(type)) {
            f.drift("unknown-event-type", path + ".type", "event type \"" + type + "\" is neither snapshot nor update");
        }
        return type;
    }

    /** Each object of an array field, with its path; non-objects are violations. */
    private void each(JsonObject e, String field, String path, boolean required, ItemReader item) {
        JsonArray items = f.array(e, field, path, scope, required);
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String p = path + "." + field + "[" + i + "]";
            JsonObject o = f.element(items.get(i), p, scope);
            if (o != null) {
                item.read(o, p);
            }
        }
    }

    private interface ItemReader {
        void read(JsonObject o, String path);
    }

    /**
     * heartbeat_counter: every capture sends a JSON number, the docs (and the official SDK's types) a string; both
     * are accepted. current_time is Go's time.String() on the wire, "+00:00" in one fixture: kept as text.
     */
    private Event heartbeat(JsonObject e, String path) {
        String currentTime = f.string(e, "current_time", path, scope, true);
        Long counter = f.integer(e, "heartbeat_counter", path, scope, true, true);
        return new Event.Heartbeat(currentTime, counter == null ? -1 : counter);
    }

    private Event candles(JsonObject e, String path) {
        String type = eventType(e, path);
        List<Event.Candle> out = new ArrayList<>();
        each(e, "candles", path, true, (c, p) -> {
            Long start = f.integer(c, "start", p, scope, true, true);
            out.add(new Event.Candle(f.string(c, "product_id", p, scope, true), start == null ? -1 : start,
                    f.decimal(c, "open", p, scope, true), f.decimal(c, "high", p, scope, true),
                    f.decimal(c, "low", p, scope, true), f.decimal(c, "close", p, scope, true),
                    f.decimal(c, "volume", p, scope, true)));
        });
        return new Event.Candles(type, out);
    }

    private Event status(JsonObject e, String path) {
        String type = eventType(e, path);
        List<Event.ProductStatus> out = new ArrayList<>();
        each(e, "products", path, true, (s, p) -> {
            f.decimal(s, "base_increment", p, scope, false);
            f.decimal(s, "quote_increment", p, scope, false);
            f.decimal(s, "min_market_funds", p, scope, false);
            out.add(new Event.ProductStatus(f.string(s, "id", p, scope, true),
                    f.string(s, "product_type", p, scope, false), f.string(s, "base_currency", p, scope, false),
                    f.string(s, "quote_currency", p, scope, false), f.string(s, "status", p, scope, true),
                    f.string(s, "status_message", p, scope, false)));
        });
        return new Event.Status(type, out);
    }

    private static final List<String> BOOK = List.of("best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity");

    /**
     * ticker and ticker_batch alike (PROTOCOL.md §3.7). Sources disagree on the best bid/ask fields: absent from both
     * channels in 2023 captures, present on ticker since 2024-04, absent from ticker_batch by its docs prose, present
     * in one ticker_batch fixture. So: all four or none. None is drift to report (the 2023 shape), never a violation;
     * some but not all is a half book, a violation.
     */
    private Event tickers(JsonObject e, String path, boolean liveChannel) {
        String type = eventType(e, path);
        List<Event.Ticker> out = new ArrayList<>();
        each(e, "tickers", path, true, (t, p) -> {
            f.string(t, "type", p, scope, false);
            boolean anyBook = BOOK.stream().anyMatch(k -> t.has(k) && !t.get(k).isJsonNull());
            if (!anyBook && liveChannel) {
                f.drift("ticker-without-book", p, "no best_bid/best_ask on this ticker (their 2023 shape)");
            }
            out.add(new Event.Ticker(f.string(t, "product_id", p, scope, true),
                    f.positive(t, "price", p, scope, true), f.decimal(t, "volume_24_h", p, scope, true),
                    f.decimal(t, "low_24_h", p, scope, true), f.decimal(t, "high_24_h", p, scope, true),
                    f.decimal(t, "low_52_w", p, scope, false), f.decimal(t, "high_52_w", p, scope, false),
                    f.decimal(t, "price_percent_chg_24_h", p, scope, true),
                    f.decimal(t, "best_bid", p, scope, anyBook),
                    f.decimal(t, "best_bid_quantity", p, scope, anyBook),
                    f.decimal(t, "best_ask", p, scope, anyBook),
                    f.decimal(t, "best_ask_quantity", p, scope, anyBook)));
            f.unknownFields(t, TICKER_FIELDS, p);
        });
        return new Event.Tickers(type, out);
    }

    private Event l2(JsonObject e, String path) {
        String type = eventType(e, path);
        String product = f.string(e, "product_id", path, scope, true);
        List<Event.L2Update> out = new ArrayList<>();
        each(e, "updates", path, true, (u, p) -> {
            String side = f.oneOf(u, "side", p, scope, L2_SIDES);
            BigDecimal quantity = f.decimal(u, "new_quantity", p, scope, true);
            if (quantity != null && quantity.signum() < 0) {
                f.error(scope, "new_quantity-negative", p + ".new_quantity",
                        "new_quantity is the absolute size at the level and cannot be negative");
            }
            out.add(new Event.L2Update(side == null ? null : "bid".equals(side) ? Event.Side.BID : Event.Side.OFFER,
                    f.timestamp(u, "event_time", p, scope, true), f.positive(u, "price_level", p, scope, true),
                    quantity));
        });
        return new Event.L2(type, product, out);
    }

    private Event marketTrades(JsonObject e, String path) {
        String type = eventType(e, path);
        List<Event.Trade> out = new ArrayList<>();
        each(e, "trades", path, true, (t, p) -> out.add(new Event.Trade(f.string(t, "trade_id", p, scope, true),
                f.string(t, "product_id", p, scope, true), f.positive(t, "price", p, scope, true),
                f.positive(t, "size", p, scope, true), f.oneOf(t, "side", p, scope, TRADE_SIDES),
                f.timestamp(t, "time", p, scope, true))));
        return new Event.MarketTrades(type, out);
    }

    private Event user(JsonObject e, String path) {
        String type = eventType(e, path);
        List<Event.Order> out = new ArrayList<>();
        each(e, "orders", path, true, (o, p) -> {
            String status = f.string(o, "status", p, scope, true);
            if (status != null && !ORDER_STATUSES.contains(status)) {
                f.drift("unknown-order-status", p + ".status", "order status \"" + status + "\" is not documented");
            }
            for (String field : List.of("avg_price", "cumulative_quantity", "leaves_quantity", "total_fees")) {
                f.decimal(o, field, p, scope, false);
            }
            out.add(new Event.Order(f.string(o, "order_id", p, scope, true), f.string(o, "product_id", p, scope, true),
                    f.string(o, "order_side", p, scope, true), status));
        });
        return new Event.User(type, out, f.object(e, "positions", path, scope, false));
    }

    private Event futures(JsonObject e, String path) {
        String type = eventType(e, path);
        JsonObject summary = f.object(e, "fcm_balance_summary", path, scope, true);
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        if (summary != null) {
            String p = path + ".fcm_balance_summary";
            for (String field : FCM_DECIMALS) {
                BigDecimal value = f.decimal(summary, field, p, scope, false);
                if (value != null) {
                    balances.put(field, value);
                }
            }
        }
        return new Event.FuturesBalanceSummary(type, balances);
    }

    private Event subscriptions(JsonObject e, String path) {
        JsonObject subs = f.object(e, "subscriptions", path, scope, true);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (subs != null) {
            for (Map.Entry<String, JsonElement> entry : subs.entrySet()) {
                String p = path + ".subscriptions." + entry.getKey();
                List<String> products = new ArrayList<>();
                if (!entry.getValue().isJsonArray()) {
                    f.error(scope, "wrong-type", p, "each subscription must list product ids in an array");
                } else {
                    for (JsonElement id : entry.getValue().getAsJsonArray()) {
                        if (id.isJsonPrimitive() && id.getAsJsonPrimitive().isString()) {
                            products.add(id.getAsString());
                        } else {
                            f.error(scope, "wrong-type", p, "product ids must be strings, got " + Fields.kind(id));
                        }
                    }
                }
                out.put(entry.getKey(), products);
            }
        }
        return new Event.Subscriptions(out);
    }
}
