package dev.feedctl.exam;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Json;
import dev.feedctl.protocol.RequestFields;
import dev.feedctl.sim.ObservedConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a client's messages on one connection asked for, read the way Coinbase reads them, with every departure from
 * the Advanced Trade format named: the legacy Exchange shape, unknown channel names, malformed product ids, text that
 * is not JSON. Tolerant: it reads anything a client may send.
 */
final class SubscribeReading {

    /** One channel and product a client asked for; channels without products have product "". */
    record Subscription(String channel, String product) {
        @Override
        public String toString() {
            return product.isEmpty() ? channel : channel + " " + product;
        }
    }

    /** A JWT as sent, with the time it arrived. */
    record Token(Instant at, String jwt) {
    }

    final Set<Subscription> subscriptions = new LinkedHashSet<>();
    /** Legacy channel names and shapes seen, and the Advanced Trade channels they stand for. */
    final Set<String> legacyShapes = new LinkedHashSet<>();
    final Set<String> legacyChannels = new LinkedHashSet<>();
    final Set<String> unknownChannels = new LinkedHashSet<>();
    final Set<String> badProducts = new LinkedHashSet<>();
    final Set<String> legacyProducts = new LinkedHashSet<>();
    final List<String> notJson = new ArrayList<>();
    final List<Token> tokens = new ArrayList<>();
    int subscribeMessages;
    Instant firstSubscribeAt;
    /** When the last message that added a subscription arrived. */
    Instant lastSubscribeAt;

    static SubscribeReading of(List<ObservedConnection.ClientMessage> messages) {
        SubscribeReading r = new SubscribeReading();
        for (ObservedConnection.ClientMessage m : messages) {
            r.read(m);
        }
        return r;
    }

    /** What a connection asked for up to {@code until} (inclusive); null for everything. */
    static SubscribeReading of(ObservedConnection c, Instant until) {
        return of(c.messages().stream().filter(m -> until == null || !m.at().isAfter(until)).toList());
    }

    /** The message as a JSON object; null (and noted) when it is not one. */
    private JsonObject object(String text) {
        try {
            JsonElement e = Json.parse(text);
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (RuntimeException e) {
            // noted below
        }
        notJson.add(text);
        return null;
    }

    private void read(ObservedConnection.ClientMessage m) {
        JsonObject o = object(m.text());
        if (o == null) {
            return;
        }
        String type = RequestFields.string(o.get("type"));
        boolean subscribe = "subscribe".equals(type);
        if (!subscribe && !"unsubscribe".equals(type)) {
            return;
        }
        String jwt = RequestFields.string(o.get("jwt"));
        if (jwt != null) {
            tokens.add(new Token(m.at(), jwt));
        }
        List<String> products = RequestFields.productIds(o.get("product_ids"), badProducts::add);
        if (o.has("channels")) {
            readLegacy(o.get("channels"), products);
        }
        String channel = RequestFields.string(o.get("channel"));
        if (channel == null) {
            return;
        }
        if (!Channels.isSubscribeName(channel)) {
            (Channels.advancedTradeNameFor(channel).isPresent() ? legacyChannels : unknownChannels).add(channel);
            return;
        }
        if (subscribe) {
            subscribeMessages++;
            firstSubscribeAt = firstSubscribeAt == null ? m.at() : firstSubscribeAt;
            lastSubscribeAt = m.at();
        }
        for (String p : Channels.PRODUCTLESS.contains(channel) || products.isEmpty() ? List.of("") : products) {
            Subscription s = new Subscription(channel, p);
            if (subscribe) {
                subscriptions.add(s);
            } else {
                subscriptions.remove(s);
            }
        }
    }

    /** The Exchange shape: {@code "channels": ["level2_batch", {"name": "ticker", "product_ids": [...]}]}. */
    private void readLegacy(JsonElement channels, List<String> products) {
        legacyShapes.add("a \"channels\" array");
        legacyProducts.addAll(products);
        if (!(channels instanceof JsonArray a)) {
            return;
        }
        for (JsonElement c : a) {
            String name = RequestFields.string(c);
            if (c.isJsonObject()) {
                legacyShapes.add("{\"name\": ...} channel objects");
                name = RequestFields.string(c.getAsJsonObject().get("name"));
                legacyProducts.addAll(RequestFields.productIds(c.getAsJsonObject().get("product_ids"),
                        badProducts::add));
            }
            if (name != null) {
                legacyChannels.add(name);
            }
        }
    }

    boolean legacy() {
        return !legacyShapes.isEmpty() || !legacyChannels.isEmpty();
    }

    /** The subscriptions in words: {@code heartbeats, ticker BTC-USD, ticker ETH-USD}. */
    static String describe(Iterable<Subscription> subs) {
        List<String> words = new ArrayList<>();
        subs.forEach(s -> words.add(s.toString()));
        return words.isEmpty() ? "nothing" : String.join(", ", words);
    }
}
