package dev.feedctl.report;

import dev.feedctl.units.Notation;
import dev.feedctl.protocol.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.protocol.Decoded;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.NetworkText;
import dev.feedctl.protocol.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One received frame as a line: raw NDJSON, annotated NDJSON, or a short human summary. */
public final class FrameText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private FrameText() {
    }

    /** The frame as received, on one line; null when it is not JSON (those are reported on stderr instead). */
    public static String ndjson(String raw, Decoded d) {
        if (!d.isJson()) {
            return null;
        }
        return NetworkText.json(raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0 && raw.indexOf('\t') < 0 ? raw
                : Json.COMPACT.toJson(Json.parse(raw))); // whitespace between tokens: one compact line instead
    }

    /** The frame wrapped with receive time, byte size and violations. Non-JSON frames are kept as a string. */
    public static String annotated(String raw, Decoded d, Instant receivedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_at", DecimalsAndTimes.iso(receivedAt));
        m.put("bytes", raw.getBytes(StandardCharsets.UTF_8).length);
        m.put("format", d.kind());
        m.put("violations", d.violations().stream().map(FrameText::violation).toList());
        JsonElement frame = !d.isJson() ? null : Json.parse(raw);
        if (frame != null && Json.depth(frame) > 200) {
            frame = null; // wrapped, it would nest deeper than a reader (feedctl's own included) accepts: kept as text
        }
        m.put(frame == null ? "raw" : "frame", frame == null ? raw : frame);
        return NetworkText.json(Json.COMPACT.toJson(m));
    }

    public static Map<String, Object> violation(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", v.rule());
        m.put("path", v.path());
        m.put("message", v.message());
        m.put("severity", v.severity().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    /** A short line for people; everything in it that the server wrote is printable (no escapes, no new lines). */
    public static String human(Decoded d, Instant receivedAt) {
        return dev.feedctl.protocol.NetworkText.text(humanLine(d, receivedAt));
    }

    private static String humanLine(Decoded d, Instant receivedAt) {
        String time = CLOCK.format(receivedAt);
        if (d.frame() instanceof Frame.Error e) {
            return time + " error         " + e.message() + (e.reason() == null ? "" : " (" + e.reason() + ")");
        }
        if (d.frame() instanceof Frame.Foreign f) {
            return time + " foreign       " + f.family().description() + (f.type() == null ? "" : " type=" + f.type());
        }
        if (d.frame() instanceof Frame.Unreadable u) {
            return time + " unreadable    " + u.problem().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        Frame.Data data = (Frame.Data) d.frame();
        String summary = data.events().stream().map(FrameText::summary).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
        return Notation.format("%s %-13s seq=%s %s", time, data.channel(), data.sequenceNum(), summary);
    }

    private static String summary(Event e) {
        if (e instanceof Event.Tickers t) {
            return t.tickers().stream().map(x -> x.productId() + " " + x.price()
                    + (x.bestBid() == null ? "" : " bid " + x.bestBid() + " ask " + x.bestAsk()))
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof Event.Heartbeat h) {
            return "counter " + h.counter();
        }
        if (e instanceof Event.Subscriptions s) {
            // {"ticker": ["BTC-USD"]} reads "ticker BTC-USD"; several products "level2 BTC-USD+ETH-USD"
            return Notation.byName(s.subscriptions().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    en -> en.getValue() == null || en.getValue().isEmpty() ? "-" : String.join("+", en.getValue()))));
        }
        if (e instanceof Event.L2 l) {
            return l.productId() + " " + l.type() + " " + l.updates().size() + " levels";
        }
        if (e instanceof Event.MarketTrades m) {
            List<Event.Trade> ts = m.trades();
            return ts.size() + " trades" + (ts.isEmpty() ? "" : ", last " + ts.get(ts.size() - 1).price());
        }
        if (e instanceof Event.Candles c) {
            return c.candles().stream().map(x -> x.productId() + " close " + x.close())
                    .collect(Collectors.joining(", "));
        }
        return "";
    }
}
