package dev.feedctl.sim;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.RequestFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;

/** One Advanced Trade connection: subscriptions, the per-connection sequence, timers and snapshots. */
final class SimSession implements SimContext.Session {

    static final int MAX_L2_PRODUCTS = 16;

    private final SimContext ctx;
    private final FrameSender out;
    private final Map<String, Set<String>> subs = new LinkedHashMap<>();
    private final Map<String, List<Market.Trade>> pendingTrades = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private long heartbeatCounter;
    /** Per market_trades product, the first trade id after its snapshot: a trade the snapshot held is not sent twice. */
    private final Map<String, Long> tradesAfter = new java.util.HashMap<>();
    private final Fault.DropTrades dropTrades;
    private long tradesSeen;
    private String firstProduct;

    SimSession(WebSocket conn, SimContext ctx) {
        this.ctx = ctx;
        this.out = new FrameSender(conn, ctx);
        this.dropTrades = ctx.faults().find(Fault.DropTrades.class).orElse(null);
        SimConfig.Timings t = ctx.config.timings();
        every(t.heartbeatEvery(), this::everySecond);
        every(t.tradeFlushEvery(), this::flushTrades);
        every(t.tickerBatchEvery(), this::tickerBatch);
        timers.add(ctx.timers.schedule(this::deadline, t.subscribeDeadline().toMillis(), TimeUnit.MILLISECONDS));
        out.scheduleCloseFaults(timers);
    }

    @Override
    public FrameSender outlet() {
        return out;
    }

    private void every(Duration period, Runnable task) {
        long ms = period.toMillis();
        timers.add(ctx.timers.scheduleAtFixedRate(guard(task), ms, ms, TimeUnit.MILLISECONDS));
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a timer that throws is cancelled for good; the next tick tries again instead
            }
        };
    }

    private synchronized void deadline() {
        if (subs.isEmpty()) {
            out.close(1000, "");
        }
    }

    @Override
    public void onText(String text) {
        ctx.recordClientFrame(text);
        JsonObject msg;
        try {
            msg = JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            out.control(SimFrames.error("failure to parse message"));
            return;
        }
        String type = RequestFields.string(msg.get("type"));
        String channel = RequestFields.string(msg.get("channel"));
        if (!"subscribe".equals(type) && !"unsubscribe".equals(type) || channel == null) {
            return; // undocumented; the legacy channels array lands here and the 5 s deadline applies
        }
        if (!Channels.isSubscribeName(channel)) {
            out.control(SimFrames.error("authentication failure"));
            return;
        }
        if (!authorised(channel, RequestFields.string(msg.get("jwt")))) {
            out.control(SimFrames.error("authentication failure"));
            return;
        }
        Request request = new Request("subscribe".equals(type), channel, ClientMessages.productIds(msg.get("product_ids")));
        if (ctx.faults().has(Fault.NoAck.class)) {
            return;
        }
        Duration delay = ctx.faults().find(Fault.SlowAck.class).map(Fault.SlowAck::delay).orElse(Duration.ZERO);
        if (delay.isZero()) {
            apply(request);
        } else {
            timers.add(ctx.timers.schedule(() -> apply(request), delay.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private record Request(boolean subscribe, String channel, List<String> products) {
    }

    private boolean authorised(String channel, String jwt) {
        if (jwt == null) {
            return !Channels.PRIVATE.contains(channel);
        }
        if (ctx.config.trustedKey() == null && ctx.acceptUnverifiedTokens) {
            return true;
        }
        String why = JwtCheck.reject(jwt, ctx.config.trustedKey(), ctx.exchangeClock.instant(), null);
        if (why != null) {
            ctx.authRejections.add(why);
        }
        return why == null;
    }

    private synchronized void apply(Request r) {
        if (!r.subscribe) {
            Set<String> current = subs.get(r.channel);
            if (current != null && !r.products.isEmpty()) {
                current.removeAll(r.products);
            }
            if (current == null || r.products.isEmpty() || current.isEmpty()) {
                subs.remove(r.channel);
            }
            out.ack(SimFrames.subscriptions(ackView()));
            return;
        }
        Set<String> current = subs.computeIfAbsent(r.channel, k -> new LinkedHashSet<>());
        if (Channels.LEVEL2.equals(r.channel)) {
            Set<String> union = new LinkedHashSet<>(current);
            union.addAll(r.products);
            if (union.size() > MAX_L2_PRODUCTS) {
                if (current.isEmpty()) {
                    subs.remove(r.channel);
                }
                out.control(SimFrames.error("too many L2 streams requested in a single session"));
                return;
            }
        }
        List<String> added = new ArrayList<>(r.products);
        added.removeAll(current);
        current.addAll(r.products);
        if (firstProduct == null && !r.products.isEmpty()) {
            firstProduct = r.products.get(0);
        }
        if (SNAPSHOT_BEFORE_ACK.contains(r.channel)) {
            Snapshots.send(ctx, out, r.channel, added, tradesAfter);
            out.ack(SimFrames.subscriptions(ackView()));
        } else {
            out.ack(SimFrames.subscriptions(ackView()));
            Snapshots.send(ctx, out, r.channel, added, tradesAfter);
        }
    }

    /**
     * The live feed does not promise "ack first": captures show level2 snapshots (FastMM 2026, seq 0-6 before the
     * ack at 7) and a ticker snapshot (seq 0, ack seq 2) arriving before their acknowledgement. Clients must cope.
     */
    static final Set<String> SNAPSHOT_BEFORE_ACK = Set.of(Channels.LEVEL2, "ticker");

    /** Subscribe names to product lists; heartbeats is listed as ["heartbeats"] (docs/protocol.md §3.12). */
    private Map<String, Collection<String>> ackView() {
        Map<String, Collection<String>> view = new LinkedHashMap<>();
        subs.forEach((k, v) -> view.put(k, Channels.HEARTBEATS.equals(k) ? List.of(k) : List.copyOf(v)));
        return view;
    }

    @Override
    public synchronized void onTrade(Market.Trade t) {
        String id = t.productId();
        if (isStale(id)) {
            return;
        }
        if (subscribed("ticker", id)) {
            out.data("ticker", SimFrames.tickers("update", List.of(ctx.market.product(id)), true));
        }
        // no book change: the book was opened after this match, so the snapshot already holds it
        if (subscribed(Channels.LEVEL2, id) && t.book() != null && !t.bookSkipped()) {
            out.data(Channels.L2_DATA, SimFrames.l2Update(id, t));
        }
        if (subscribed("market_trades", id) && t.tradeId() >= tradesAfter.getOrDefault(id, 0L)) {
            if (dropTrades != null && ++tradesSeen % dropTrades.every() == 0) {
                ctx.recordTradeNotSent(t);
            } else {
                pendingTrades.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
            }
        }
    }

    private boolean subscribed(String channel, String product) {
        Set<String> s = subs.get(channel);
        return s != null && s.contains(product);
    }

    private boolean isStale(String product) {
        return ctx.faults().find(Fault.StaleProduct.class)
                .filter(f -> product.equals(f.product() == null ? firstProduct : f.product()))
                .map(f -> out.age().compareTo(f.after()) > 0)
                .orElse(false);
    }

    private synchronized void everySecond() {
        if (subs.containsKey(Channels.HEARTBEATS)) {
            out.heartbeat(SimFrames.heartbeat(++heartbeatCounter, ctx.exchangeClock.instant(), out.age().toNanos()));
        }
        Set<String> candles = subs.get("candles");
        if (candles != null && !candles.isEmpty()) {
            List<Market.Product> ps = candles.stream().filter(id -> !isStale(id)).map(ctx.market::product).toList();
            if (!ps.isEmpty()) {
                out.data("candles", SimFrames.candles("update", ps, ctx.exchangeClock.instant()));
            }
        }
    }

    private synchronized void flushTrades() {
        for (Map.Entry<String, List<Market.Trade>> e : pendingTrades.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.data("market_trades", SimFrames.trades("update", e.getValue()));
                e.getValue().clear();
            }
        }
    }

    private synchronized void tickerBatch() {
        Set<String> ids = subs.get("ticker_batch");
        if (ids != null && !ids.isEmpty()) {
            List<Market.Product> ps = ids.stream().filter(id -> !isStale(id)).map(ctx.market::product).toList();
            if (!ps.isEmpty()) {
                out.data("ticker_batch", SimFrames.tickers("update", ps, false));
            }
        }
    }

    @Override
    public void closed() {
        out.markClosed();
        timers.forEach(t -> t.cancel(false));
    }
}
