package dev.feedctl.cli;

import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.ProductIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** What to subscribe to: products, channels, and whether heartbeats are added for liveness. */
public final class StreamOptions {

    @Option(names = {"-p", "--product"}, paramLabel = "ID", split = ",",
            description = "Product id, repeatable, comma lists allowed. Default: BTC-USD.")
    List<String> products;

    @Option(names = {"-c", "--channel"}, paramLabel = "NAME", split = ",",
            description = "Advanced Trade subscribe name, repeatable. Default: ticker. heartbeats is always added "
                    + "unless --no-heartbeats.")
    List<String> channels;

    @Option(names = "--no-heartbeats", description = "Do not add the heartbeats subscription.")
    boolean noHeartbeats;

    /** True when the user named channels or products (otherwise the defaults apply, or a recording decides). */
    public boolean given() {
        return products != null || channels != null;
    }

    public List<String> products() {
        Set<String> out = new LinkedHashSet<>();
        for (String p : products == null ? List.of("BTC-USD") : products) {
            String id = ProductIds.normalise(p);
            if (id == null) {
                throw ExitException.usage("'" + p + "' is not a product id: BASE-QUOTE in ASCII letters and digits, "
                        + "like BTC-USD");
            }
            out.add(id);
        }
        return new ArrayList<>(out);
    }

    /** The subscribe names, validated before anything connects; heartbeats first unless turned off. */
    public List<String> channels() {
        Set<String> out = new LinkedHashSet<>();
        if (!noHeartbeats) {
            out.add(Channels.HEARTBEATS);
        }
        for (String c : channels == null ? List.of("ticker") : channels) {
            String name = c.trim();
            if (!Channels.isSubscribeName(name)) {
                String hint = Channels.advancedTradeNameFor(name.toLowerCase(Locale.ROOT))
                        .map(right -> "; Advanced Trade calls it " + right)
                        .orElse("; Advanced Trade channels are " + String.join(", ", Channels.SUBSCRIBE_NAMES));
                throw ExitException.usage("'" + name + "' is not an Advanced Trade channel" + hint);
            }
            out.add(name);
        }
        return new ArrayList<>(out);
    }
}
