package dev.feedctl.sim;

import com.sun.net.httpserver.HttpExchange;
import dev.feedctl.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What real clients ask the REST API for at start-up (ccxt's {@code loadMarkets}, the official SDKs): the product
 * list with its filters, and the v2 currency and exchange-rate lists, in the response shapes Coinbase documents.
 * The list holds the spot products this market knows; futures and perpetuals are listed as none.
 */
final class SimCatalog {

    private static final Map<String, String> NAMES = Map.of("BTC", "Bitcoin", "ETH", "Ethereum", "SOL", "Solana",
            "DOGE", "Dogecoin", "LTC", "Litecoin", "USD", "US Dollar");

    private final SimContext ctx;

    SimCatalog(SimContext ctx) {
        this.ctx = ctx;
    }

    /** {@code GET /api/v3/brokerage/market/products}: {@code product_type}, {@code product_ids}, {@code limit}. */
    Map<String, Object> products(Map<String, List<String>> q, Function<Market.Product, Map<String, Object>> body) {
        String type = q.getOrDefault("product_type", List.of("SPOT")).get(0);
        List<String> wanted = q.getOrDefault("product_ids", List.of());
        int limit = intOr(q.getOrDefault("limit", List.of()), Integer.MAX_VALUE);
        List<Map<String, Object>> products = new ArrayList<>();
        if ("SPOT".equalsIgnoreCase(type) || type.isEmpty()) {
            for (String id : Market.listedIds()) {
                if ((wanted.isEmpty() || wanted.contains(id)) && products.size() < limit) {
                    products.add(body.apply(ctx.market.product(id)));
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("products", products);
        m.put("num_products", products.size());
        return m;
    }

    /** The trading rules a product listing carries (sizes as decimal strings, flags as booleans). */
    static void tradingRules(Map<String, Object> m, String base, String quote) {
        m.put("quote_min_size", "1");
        m.put("quote_max_size", "150000000");
        m.put("base_min_size", "0.00000001");
        m.put("base_max_size", "3400");
        m.put("base_name", NAMES.getOrDefault(base, base));
        m.put("quote_name", NAMES.getOrDefault(quote, quote));
        m.put("watched", false);
        m.put("is_disabled", false);
        m.put("new", false);
        m.put("cancel_only", false);
        m.put("limit_only", false);
        m.put("post_only", false);
        m.put("auction_mode", false);
        m.put("fcm_trading_session_details", null);
        m.put("base_display_symbol", base);
        m.put("quote_display_symbol", quote);
        m.put("view_only", false);
        m.put("price_increment", "0.01");
        m.put("product_venue", "CBE");
    }

    /** {@code GET /v2/currencies}, {@code /v2/currencies/crypto}, {@code /v2/exchange-rates}, {@code /v2/time}. */
    void v2(HttpExchange ex, String path) throws IOException {
        switch (path) {
            case "/currencies" -> SimRest.send(ex, 200, Json.COMPACT.toJson(Map.of("data", List.of(
                    Map.of("id", "USD", "name", "US Dollar", "min_size", "0.01"),
                    Map.of("id", "EUR", "name", "Euro", "min_size", "0.01")))));
            case "/currencies/crypto" -> SimRest.send(ex, 200, Json.COMPACT.toJson(Map.of("data", crypto())));
            case "/exchange-rates" -> SimRest.send(ex, 200, Json.COMPACT.toJson(Map.of("data",
                    Map.of("currency", "USD", "rates", rates()))));
            case "/time" -> {
                java.time.Instant now = ctx.exchangeClock.instant();
                SimRest.send(ex, 200, Json.COMPACT.toJson(Map.of("data", Map.of("epoch", now.getEpochSecond(),
                        "iso", Timestamps.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))))));
            }
            default -> SimRest.error(ex, 404, "NOT_FOUND", "no such endpoint");
        }
    }

    private static List<Map<String, Object>> crypto() {
        List<Map<String, Object>> out = new ArrayList<>();
        int sort = 100;
        for (String code : List.of("BTC", "ETH", "SOL", "DOGE", "LTC")) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("asset_id", "00000000-0000-0000-0000-0000000000" + sort);
            c.put("code", code);
            c.put("name", NAMES.get(code));
            c.put("color", "#F7931A");
            c.put("sort_index", Integer.toString(sort++));
            c.put("exponent", "8");
            c.put("type", "crypto");
            c.put("address_regex", "^.+$");
            out.add(c);
        }
        return out;
    }

    private Map<String, String> rates() {
        Map<String, String> rates = new LinkedHashMap<>();
        rates.put("USD", "1");
        for (String id : Market.listedIds()) {
            if (id.endsWith("-USD")) {
                long cents = ctx.market.product(id).quote.lastCents();
                rates.put(id.substring(0, id.indexOf('-')), new java.math.BigDecimal(100).divide(
                        java.math.BigDecimal.valueOf(Math.max(1, cents)), 12, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString());
            }
        }
        return rates;
    }

    private static int intOr(List<String> values, int fallback) {
        try {
            return values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
