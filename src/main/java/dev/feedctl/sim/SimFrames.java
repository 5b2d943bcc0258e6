package dev.feedctl.sim;

import dev.feedctl.protocol.Json;
import dev.feedctl.protocol.Channels;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Builds the exchange's frames as text, by hand for the hot ticker path. Shapes follow docs/protocol.md §3. */
final class SimFrames {

    private SimFrames() {
    }

    /**
     * The envelope as the 2026 feed sends it: market-data frames carry no {@code client_id} (every 2026 capture);
     * the private channels still send {@code ""} (the 2026 user-channel capture). docs/protocol.md §3.2 tolerates both.
     */
    static String envelope(String channel, Instant time, long sequence, CharSequence events) {
        StringBuilder sb = new StringBuilder(events.length() + 128);
        sb.append("{\"channel\":\"").append(channel)
                .append(Channels.PRIVATE.contains(channel) ? "\",\"client_id\":\"\",\"timestamp\":\"" : "\",\"timestamp\":\"");
        Timestamps.append(sb, time);
        sb.append("\",\"sequence_num\":").append(sequence).append(",\"events\":").append(events).append('}');
        return sb.toString();
    }

    static String error(String message) {
        return "{\"type\":\"error\",\"message\":" + Json.COMPACT.toJson(message) + "}";
    }

    static String tickers(String type, Collection<Market.Product> products, boolean withBook) {
        StringBuilder sb = new StringBuilder(400 * products.size());
        sb.append("[{\"type\":\"").append(type).append("\",\"tickers\":[");
        boolean first = true;
        for (Market.Product p : products) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            ticker(sb, p.id, p.quote, withBook);
        }
        return sb.append("]}]").toString();
    }

    private static void ticker(StringBuilder sb, String id, Market.Quote q, boolean withBook) {
        sb.append("{\"type\":\"ticker\",\"product_id\":\"").append(id).append('"');
        cents(sb, "price", q.lastCents());
        sb.append(",\"volume_24_h\":\"");
        Market.appendSize(sb, q.volume());
        sb.append('"');
        cents(sb, "low_24_h", q.lowCents());
        cents(sb, "high_24_h", q.highCents());
        cents(sb, "low_52_w", q.lowCents());
        cents(sb, "high_52_w", q.highCents());
        sb.append(",\"price_percent_chg_24_h\":\"");
        long bp = (q.lastCents() - q.openCents()) * 10_000 / Math.max(1, q.openCents());
        if (bp < 0) {
            sb.append('-');
        }
        Market.appendCents(sb, Math.abs(bp)); // percent with two decimals, trimmed like every decimal on the wire
        sb.append('"');
        if (withBook) {
            cents(sb, "best_bid", q.bidCents());
            sb.append(",\"best_bid_quantity\":\"1.5\"");
            cents(sb, "best_ask", q.askCents());
            sb.append(",\"best_ask_quantity\":\"0.5\"");
        }
        sb.append('}');
    }

    /** {@code ,"name":"price"}: a field after the first, its value a price in cents as the wire writes decimals. */
    private static void cents(StringBuilder sb, String name, long cents) {
        sb.append(",\"").append(name).append("\":\"");
        Market.appendCents(sb, cents);
        sb.append('"');
    }

    /**
     * A snapshot of the product's book, padded with deeper levels to {@code minBytes}. Its {@code event_time} is the
     * engine time of the book (2026 captures), not the docs' 1970 placeholder.
     */
    static String l2Snapshot(String id, Market.BookView book, int minBytes) {
        String time = Timestamps.format(book.time());
        StringBuilder sb = new StringBuilder(Math.max(4096, minBytes + 1024));
        sb.append("[{\"type\":\"snapshot\",\"product_id\":\"").append(id).append("\",\"updates\":[");
        boolean first = true;
        int n = Math.max(book.bids().size(), book.asks().size());
        for (int i = 0; i < n; i++) {
            if (i < book.bids().size()) {
                first = level(sb, first, "bid", time, book.bids().get(i).cents(), book.bids().get(i).size());
            }
            if (i < book.asks().size()) {
                first = level(sb, first, "offer", time, book.asks().get(i).cents(), book.asks().get(i).size());
            }
        }
        // padding: levels deeper than the book holds, which no update will touch until the price gets there
        long bid = book.bids().isEmpty() ? 0 : book.bids().get(book.bids().size() - 1).cents() - 1;
        long ask = book.asks().isEmpty() ? 1 : book.asks().get(book.asks().size() - 1).cents() + 1;
        while (sb.length() < minBytes) {
            first = level(sb, first, "bid", time, bid, bidSize(bid));
            first = level(sb, first, "offer", time, ask, askSize(ask));
            bid--;
            ask++;
        }
        return sb.append("]}]").toString();
    }

    /** The simulated book: {@link #BOOK_LEVELS} levels a side around the quote, sizes a function of the price. */
    static final int BOOK_LEVELS = 50;

    static long bidSize(long cents) {
        return 100_000_000L + Math.floorMod(cents, 89) * 7;
    }

    static long askSize(long cents) {
        return 50_000_000L + Math.floorMod(cents, 83) * 3;
    }

    /** The change a match made to the product's book, as the feed sends it: absolute sizes, zero removes a level. */
    static String l2Update(String id, Market.Trade t) {
        StringBuilder sb = new StringBuilder(64 + 110 * t.book().size());
        String time = Timestamps.format(t.time());
        sb.append("[{\"type\":\"update\",\"product_id\":\"").append(id).append("\",\"updates\":[");
        boolean first = true;
        for (SimBook.Level l : t.book()) {
            first = level(sb, first, l.bid() ? "bid" : "offer", time, l.cents(), l.size());
        }
        return sb.append("]}]").toString();
    }

    private static boolean level(StringBuilder sb, boolean first, String side, String time, long cents, long size) {
        if (cents < 1) {
            return first;
        }
        if (!first) {
            sb.append(',');
        }
        level(sb, side, time, cents, size);
        return false;
    }

    private static void level(StringBuilder sb, String side, String time, long cents, long size) {
        sb.append("{\"side\":\"").append(side).append("\",\"event_time\":\"").append(time)
                .append("\",\"price_level\":\"");
        Market.appendCents(sb, cents);
        sb.append("\",\"new_quantity\":\"");
        Market.appendSize(sb, size);
        sb.append("\"}");
    }

    static String trades(String type, List<Market.Trade> trades) {
        StringBuilder sb = new StringBuilder(64 + 160 * trades.size());
        sb.append("[{\"type\":\"").append(type).append("\",\"trades\":[");
        for (int i = 0; i < trades.size(); i++) {
            Market.Trade t = trades.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"trade_id\":\"").append(t.tradeId())
                    .append("\",\"product_id\":\"").append(t.productId()).append("\",\"price\":\"");
            Market.appendCents(sb, t.priceCents());
            sb.append("\",\"size\":\"");
            Market.appendSize(sb, t.size());
            sb.append("\",\"side\":\"").append(t.side()).append("\",\"time\":\"");
            Timestamps.append(sb, t.time());
            sb.append("\"}");
        }
        return sb.append("]}]").toString();
    }

    /** One 5-minute candle per product, the bucket holding {@code now}. */
    static String candles(String type, Collection<Market.Product> products, Instant now) {
        long start = now.getEpochSecond() / 300 * 300;
        StringBuilder sb = new StringBuilder(200 * products.size());
        sb.append("[{\"type\":\"").append(type).append("\",\"candles\":[");
        boolean first = true;
        for (Market.Product p : products) {
            Market.Quote q = p.quote;
            sb.append(first ? "" : ",").append("{\"start\":\"").append(start).append("\",\"high\":\"")
                    .append(Market.cents(q.highCents())).append("\",\"low\":\"").append(Market.cents(q.lowCents()))
                    .append("\",\"open\":\"").append(Market.cents(q.openCents())).append("\",\"close\":\"")
                    .append(Market.cents(q.lastCents())).append("\",\"volume\":\"").append(Market.size(q.volume()))
                    .append("\",\"product_id\":\"").append(p.id).append("\"}");
            first = false;
        }
        return sb.append("]}]").toString();
    }

    static String status(Collection<String> ids) {
        StringBuilder sb = new StringBuilder("[{\"type\":\"snapshot\",\"products\":[");
        boolean first = true;
        for (String id : ids) {
            int dash = id.indexOf('-');
            sb.append(first ? "" : ",").append("{\"product_type\":\"SPOT\",\"id\":\"").append(id)
                    .append("\",\"base_currency\":\"").append(id, 0, dash).append("\",\"quote_currency\":\"")
                    .append(id.substring(dash + 1)).append("\",\"base_increment\":\"0.00000001\",")
                    .append("\"quote_increment\":\"0.01\",\"display_name\":\"").append(id.replace('-', '/'))
                    .append("\",\"status\":\"online\",\"status_message\":\"\",\"min_market_funds\":\"1\"}");
            first = false;
        }
        return sb.append("]}]").toString();
    }

    static String heartbeat(long counter, Instant now, long uptimeNanos) {
        String goTime = Timestamps.format(now).replace('T', ' ').replace("Z", " +0000 UTC");
        return "[{\"current_time\":\"" + goTime + " m=+" + (uptimeNanos / 1_000_000_000L) + "."
                + dev.feedctl.units.Notation.format("%09d", uptimeNanos % 1_000_000_000L) + "\",\"heartbeat_counter\":" + counter + "}]";
    }

    static String subscriptions(Map<String, ? extends Collection<String>> subs) {
        return "[{\"subscriptions\":" + Json.COMPACT.toJson(subs) + "}]";
    }

    static String userSnapshot() {
        return "[{\"type\":\"snapshot\",\"orders\":[],\"positions\":{\"perpetual_futures_positions\":[],"
                + "\"expiring_futures_positions\":[]}}]";
    }

    static String futuresSnapshot() {
        return "[{\"type\":\"snapshot\",\"fcm_balance_summary\":{\"futures_buying_power\":\"100.00\","
                + "\"total_usd_balance\":\"200.00\",\"cbi_usd_balance\":\"150.00\",\"cfm_usd_balance\":\"50.00\","
                + "\"total_open_orders_hold_amount\":\"0\",\"unrealized_pnl\":\"0\",\"daily_realized_pnl\":\"0\","
                + "\"initial_margin\":\"0\",\"available_margin\":\"200.00\",\"liquidation_threshold\":\"0\","
                + "\"liquidation_buffer_amount\":\"200.00\",\"liquidation_buffer_percentage\":\"1000\"}}]";
    }
}
