package dev.feedctl.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.protocol.RequestFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * A legacy Exchange connection: takes only the plural {@code channels} form, answers with {@code type}-keyed
 * frames with a per-product {@code sequence}. An Advanced Trade subscribe gets the documented
 * "No channels provided" error.
 */
final class LegacySession implements SimContext.Session {

    private final WebSocket conn;
    private final SimContext ctx;
    private final Map<String, Set<String>> subs = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final ScheduledFuture<?> heartbeats;

    LegacySession(WebSocket conn, SimContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
        this.heartbeats = ctx.timers.scheduleAtFixedRate(this::heartbeats, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void onText(String text) {
        ctx.recordClientFrame(text);
        JsonObject msg;
        try {
            msg = JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            send("{\"type\":\"error\",\"message\":\"Malformed JSON\"}");
            return;
        }
        JsonElement channels = msg.get("channels");
        if (!(channels instanceof JsonArray list) || list.isEmpty()) {
            send(LegacyFrames.noChannels());
            return;
        }
        List<String> topProducts = ClientMessages.productIds(msg.get("product_ids"));
        boolean subscribe = !"unsubscribe".equals(RequestFields.string(msg.get("type")));
        for (JsonElement c : list) {
            String name = RequestFields.string(c.isJsonObject() ? c.getAsJsonObject().get("name") : c);
            List<String> products = c.isJsonObject()
                    ? ClientMessages.productIds(c.getAsJsonObject().get("product_ids")) : topProducts;
            if (name == null) {
                continue;
            }
            if (subscribe) {
                subs.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(products);
                products.forEach(ctx.market::product);
            } else {
                subs.remove(name);
            }
        }
        Map<String, List<String>> view = new LinkedHashMap<>();
        subs.forEach((k, v) -> view.put(k, new ArrayList<>(v)));
        send(LegacyFrames.subscriptions(view));
    }

    @Override
    public synchronized void onTrade(Market.Trade t) {
        Set<String> tickers = subs.get("ticker");
        if (tickers != null && tickers.contains(t.productId())) {
            Market.Quote q = ctx.market.product(t.productId()).quote;
            send(LegacyFrames.ticker(nextSequence(t.productId()), t.productId(), t, q));
        }
    }

    private synchronized void heartbeats() {
        Set<String> products = subs.get("heartbeat");
        if (products != null) {
            for (String id : products) {
                long lastTrade = ctx.market.product(id).quote.tradeId();
                send(LegacyFrames.heartbeat(nextSequence(id), id, lastTrade, ctx.exchangeClock.instant()));
            }
        }
    }

    private long nextSequence(String product) {
        return sequences.merge(product, 1L, Long::sum) + 37_475_248_000L;
    }

    private void send(String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            heartbeats.cancel(false);
        }
    }

    @Override
    public void closed() {
        heartbeats.cancel(false);
    }
}
