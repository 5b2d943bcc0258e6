package dev.feedctl.exam;

import dev.feedctl.protocol.Channels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The exact Advanced Trade messages that replace a legacy Exchange subscribe. */
final class LegacyFix {

    private LegacyFix() {
    }

    /** {@code send one message per channel: {...}, {...}}, for the channels and products the client asked for. */
    static String messages(SubscribeReading r) {
        Set<String> channels = new LinkedHashSet<>();
        for (String name : r.legacyChannels) {
            String at = Channels.isSubscribeName(name) ? name : Channels.advancedTradeNameFor(name).orElse(null);
            if (at != null) {
                channels.add(at);
            }
        }
        channels.add(Channels.HEARTBEATS);
        List<String> products = r.legacyProducts.isEmpty() ? List.of("BTC-USD") : List.copyOf(r.legacyProducts);
        String ids = "\"" + String.join("\",\"", products) + "\"";
        List<String> out = new ArrayList<>();
        for (String c : channels) {
            out.add(Channels.PRODUCTLESS.contains(c) ? "{\"type\":\"subscribe\",\"channel\":\"" + c + "\"}"
                    : "{\"type\":\"subscribe\",\"channel\":\"" + c + "\",\"product_ids\":[" + ids + "]}");
        }
        return "send one message per channel: " + String.join(" ", out);
    }
}
