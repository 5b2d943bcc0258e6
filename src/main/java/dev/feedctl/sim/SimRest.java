package dev.feedctl.sim;

import dev.feedctl.protocol.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The REST price endpoints of docs/protocol.md §7 on the JDK's HttpServer, fed by the same market as the socket. */
final class SimRest {

    static final String PREFIX = "/api/v3/brokerage";
    private final SimContext ctx;
    private final SimCatalog catalog;
    private final AtomicLong requests = new AtomicLong();

    SimRest(SimContext ctx) {
        this.ctx = ctx;
        this.catalog = new SimCatalog(ctx);
    }

    void install(HttpServer server) {
        server.createContext("/", this::handle);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long n = requests.incrementAndGet();
            if (injectFault(ex, n)) {
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
            if (!"GET".equals(ex.getRequestMethod())) {
                error(ex, 405, "METHOD_NOT_ALLOWED", "only GET is simulated");
            } else if (path.startsWith("/v2/")) {
                catalog.v2(ex, path.substring(3));
            } else if (!path.startsWith(PREFIX + "/")) {
                error(ex, 404, "NOT_FOUND", "no such endpoint");
            } else {
                route(ex, path.substring(PREFIX.length()), query);
            }
        }
    }

    private boolean injectFault(HttpExchange ex, long n) throws IOException {
        var limited = ctx.faults().find(Fault.RestRateLimited.class);
        if (limited.isPresent() && n % limited.get().every() == 0) {
            ex.getResponseHeaders().set("Retry-After", Integer.toString(limited.get().retryAfterSeconds()));
            ex.getResponseHeaders().set("x-ratelimit-limit", "10");
            ex.getResponseHeaders().set("x-ratelimit-remaining", "0");
            ex.getResponseHeaders().set("x-ratelimit-reset", Long.toString(ctx.exchangeClock.instant()
                    .getEpochSecond() + limited.get().retryAfterSeconds()));
            send(ex, 429, "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}");
            return true;
        }
        var failing = ctx.faults().find(Fault.RestServerError.class);
        if (failing.isPresent() && n % failing.get().every() == 0) {
            error(ex, failing.get().status(), "UNAVAILABLE", "simulated server error");
            return true;
        }
        return false;
    }

    private void route(HttpExchange ex, String path, Map<String, List<String>> q) throws IOException {
        String[] parts = path.substring(1).split("/");
        if (path.equals("/time")) {
            Instant now = ctx.exchangeClock.instant();
            send(ex, 200, Json.COMPACT.toJson(Map.of("iso", Timestamps.format(now), "epochSeconds",
                    Long.toString(now.getEpochSecond()), "epochMillis", Long.toString(now.toEpochMilli()))));
        } else if (path.equals("/best_bid_ask")) {
            bestBidAsk(ex, q);
        } else if (path.equals("/market/products")) {
            send(ex, 200, Json.COMPACT.toJson(catalog.products(q, this::product)));
        } else if (path.equals("/market/product_book")) {
            String id = first(q, "product_id");
            withProduct(ex, id, p -> productBook(p, intParam(q, "limit", 10)));
        } else if (parts.length == 3 && parts[0].equals("market") && parts[1].equals("products")) {
            withProduct(ex, parts[2], this::product);
        } else if (parts.length == 4 && parts[0].equals("market") && parts[1].equals("products")
                && parts[3].equals("ticker")) {
            withProduct(ex, parts[2], p -> ticker(p, intParam(q, "limit", 10), seconds(q, "start", Instant.MIN),
                    seconds(q, "end", Instant.MAX)));
        } else if (parts.length == 4 && parts[0].equals("market") && parts[1].equals("products")
                && parts[3].equals("candles")) {
            withProduct(ex, parts[2], p -> candles(p, first(q, "granularity")));
        } else {
            error(ex, 404, "NOT_FOUND", "no such endpoint");
        }
    }

    /** The authenticated endpoint: a REST JWT whose uri names this request, or 401 with a plain body. */
    private void bestBidAsk(HttpExchange ex, Map<String, List<String>> q) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String jwt = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        String expected = "GET " + ex.getRequestHeaders().getFirst("Host") + PREFIX + "/best_bid_ask";
        String why = jwt == null ? "no bearer token" : JwtCheck.reject(jwt, ctx.config.trustedKey(),
                ctx.exchangeClock.instant(), expected);
        if (why != null) {
            ctx.authRejections.add(why);
            byte[] body = "Unauthorized".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
            return;
        }
        List<Map<String, Object>> books = new ArrayList<>();
        for (String id : q.getOrDefault("product_ids", List.of())) {
            if (Market.isProductId(id)) {
                Map<String, Object> b = productBook(ctx.market.product(id), 1);
                books.add(castBook(b.get("pricebook")));
            }
        }
        send(ex, 200, Json.COMPACT.toJson(Map.of("pricebooks", books)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castBook(Object o) {
        return (Map<String, Object>) o;
    }

    private interface Body {
        Object of(Market.Product p);
    }

    private void withProduct(HttpExchange ex, String id, Body body) throws IOException {
        if (id == null || !Market.isProductId(id)) {
            error(ex, 404, "NOT_FOUND", "ProductID is invalid");
            return;
        }
        send(ex, 200, Json.COMPACT.toJson(body.of(ctx.market.product(id))));
    }

    /** REST prices, shifted by the price-offset fault if there is one. */
    private String price(long cents) {
        int bps = ctx.faults().find(Fault.RestPriceOffset.class).map(Fault.RestPriceOffset::bps).orElse(0);
        BigDecimal p = BigDecimal.valueOf(cents, 2);
        return bps == 0 ? p.toPlainString() : p.multiply(BigDecimal.valueOf(10_000L + bps))
                .divide(BigDecimal.valueOf(10_000L), 2, RoundingMode.HALF_UP).toPlainString();
    }

    Map<String, Object> product(Market.Product p) {
        Market.Quote q = p.quote;
        int dash = p.id.indexOf('-');
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product_id", p.id);
        m.put("price", price(q.lastCents()));
        m.put("price_percentage_change_24h", "0");
        m.put("volume_24h", Market.size(q.volume()));
        m.put("base_increment", "0.00000001");
        m.put("quote_increment", "0.01");
        m.put("base_currency_id", p.id.substring(0, dash));
        m.put("quote_currency_id", p.id.substring(dash + 1));
        m.put("status", "online");
        m.put("trading_disabled", false);
        m.put("product_type", "SPOT");
        m.put("mid_market_price", "");
        m.put("alias", "");
        m.put("alias_to", p.id.endsWith("-USD") ? List.of(p.id + "C") : List.of());
        m.put("display_name", p.id);
        SimCatalog.tradingRules(m, p.id.substring(0, dash), p.id.substring(dash + 1));
        return m;
    }

    /** The very book the socket's level2 updates build, read whole with its time. */
    private Map<String, Object> productBook(Market.Product p, int limit) {
        Market.BookView view = ctx.market.book(p, Math.max(1, Math.min(limit, SimBook.DEPTH)));
        Map<String, Object> book = new LinkedHashMap<>();
        book.put("product_id", p.id);
        book.put("bids", levels(view.bids()));
        book.put("asks", levels(view.asks()));
        book.put("time", Timestamps.format(view.time()));
        Market.Quote q = p.quote;
        return Map.of("pricebook", book, "last", price(q.lastCents()), "mid_market", price(q.lastCents()),
                "spread_bps", "0", "spread_absolute", "0.02");
    }

    private List<Map<String, String>> levels(List<SimBook.Level> side) {
        List<Map<String, String>> out = new ArrayList<>(side.size());
        for (SimBook.Level l : side) {
            out.add(Map.of("price", price(l.cents()), "size", Market.size(l.size())));
        }
        return out;
    }

    /** The newest trades in [start, end) (UNIX seconds), newest first, as the socket sent them. */
    private Map<String, Object> ticker(Market.Product p, int limit, Instant start, Instant end) {
        List<Map<String, String>> trades = new ArrayList<>();
        for (Market.Trade t : p.trades(Math.max(1, Math.min(limit, MAX_TRADES)), start, end)) {
            trades.add(Map.of("trade_id", Long.toString(t.tradeId()), "product_id", t.productId(),
                    "price", price(t.priceCents()), "size", Market.size(t.size()),
                    "time", Timestamps.format(t.time()), "side", t.side(), "bid", "", "ask", "",
                    "exchange", "coinbase"));
        }
        Market.Quote q = p.quote;
        return Map.of("trades", trades, "best_bid", price(q.bidCents()), "best_ask", price(q.askCents()));
    }

    /** The most trades one ticker answer holds here; a window with more answers only its newest. */
    static final int MAX_TRADES = 1000;

    private static Instant seconds(Map<String, List<String>> q, String key, Instant fallback) {
        try {
            String v = first(q, key);
            return v == null || v.isEmpty() ? fallback : Instant.ofEpochSecond(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Map<String, Object> candles(Market.Product p, String granularity) {
        Market.Quote q = p.quote;
        long seconds = "ONE_MINUTE".equals(granularity) ? 60 : 300;
        long start = ctx.exchangeClock.instant().getEpochSecond() / seconds * seconds;
        return Map.of("candles", List.of(Map.of("start", Long.toString(start), "low", price(q.lowCents()),
                "high", price(q.highCents()), "open", price(q.openCents()), "close", price(q.lastCents()),
                "volume", Market.size(q.volume()))));
    }

    static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, Json.COMPACT.toJson(Map.of("error", code, "code", status == 404 ? 5 : 14, "message", message,
                "details", List.of())));
    }

    static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return q;
    }

    private static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int intParam(Map<String, List<String>> q, String key, int fallback) {
        try {
            String v = first(q, key);
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
