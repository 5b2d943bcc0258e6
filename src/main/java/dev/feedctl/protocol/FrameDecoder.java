package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one text frame into typed records and validates it against the Advanced Trade protocol in the same pass.
 * Stateless and thread-safe.
 */
public final class FrameDecoder {

    private static final Set<String> ENVELOPE = Set.of("channel", "client_id", "timestamp", "sequence_num", "events");
    private static final Set<String> ERROR_FIELDS = Set.of("type", "message", "reason");

    /** A binary frame: Advanced Trade sends text only, so it is counted and named, never silently dropped. */
    public Decoded binary(int bytes) {
        List<Violation> violations = new ArrayList<>(1);
        violations.add(Violation.error("frame.binary", "$", "a binary frame of " + bytes + " bytes: Advanced Trade "
                + "sends text (JSON) frames only"));
        return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.BINARY), violations);
    }

    public Decoded decode(String text) {
        List<Violation> violations = new ArrayList<>(0);
        JsonElement root;
        try {
            root = Json.parse(text);
        } catch (Json.DuplicateKey e) {
            violations.add(Violation.error("frame.duplicate-key", "$", e.getMessage()));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_JSON), violations);
        } catch (JsonParseException | IllegalStateException e) {
            violations.add(Violation.error("frame.not-json", "$", "not valid JSON: " + firstLine(e.getMessage())));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_JSON), violations);
        }
        if (!root.isJsonObject()) {
            violations.add(Violation.error("frame.not-object", "$", "a frame must be a JSON object, got "
                    + Fields.kind(root)));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_OBJECT), violations);
        }
        return decode(root.getAsJsonObject(), violations);
    }

    private Decoded decode(JsonObject o, List<Violation> violations) {
        FeedFamily family = Fingerprint.of(o);
        Fields f = new Fields(violations);
        if (family == FeedFamily.ADVANCED_TRADE && !o.has("channel") && o.has("type")) {
            String message = f.string(o, "message", "$", "error", true);
            f.unknownFields(o, ERROR_FIELDS, "$");
            return new Decoded(new Frame.Error(message, optionalString(o, "reason")), violations);
        }
        if (family == null) {
            violations.add(Violation.error("frame.unknown-shape", "$", "a JSON object with neither \"channel\" nor "
                    + "\"type\": not an Advanced Trade frame"));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.UNKNOWN_SHAPE), violations);
        }
        if (family != FeedFamily.ADVANCED_TRADE) {
            violations.add(Violation.error("frame.foreign-format", "$", "frame is from the " + family.description()
                    + ": " + family.advice()));
            return new Decoded(new Frame.Foreign(family, optionalString(o, "type")), violations);
        }
        return new Decoded(envelope(o, f), violations);
    }

    private Frame.Data envelope(JsonObject o, Fields f) {
        String channel = f.string(o, "channel", "$", "envelope", true);
        // sources disagree: the docs and every capture to 2025 send client_id "", 2026 market data and Coinbase's
        // AsyncAPI spec leave it out, 2026 user-channel frames still send "": optional, never a violation
        String clientId = f.string(o, "client_id", "$", "envelope", false);
        Instant timestamp = f.timestamp(o, "timestamp", "$", "envelope", true);
        Long sequence = f.integer(o, "sequence_num", "$", "envelope", true, false);
        if (sequence != null && sequence < 0) {
            f.error("envelope", "sequence_num-negative", "$.sequence_num", "sequence_num is " + sequence);
        }
        JsonArray events = f.array(o, "events", "$", "envelope", true);
        f.unknownFields(o, ENVELOPE, "$");
        List<Event> typed = new ArrayList<>(events == null ? 0 : events.size());
        if (events != null && channel != null) {
            EventReader reader = EventReader.forChannel(channel, f);
            if (reader == null) {
                f.drift("unknown-channel", "$.channel", "channel \"" + channel + "\" is not in the protocol fact sheet");
            }
            for (int i = 0; i < events.size(); i++) {
                String path = "$.events[" + i + "]";
                JsonObject event = f.element(events.get(i), path, "envelope");
                if (event != null) {
                    typed.add(reader == null ? new Event.Unknown(event) : reader.read(event, path));
                }
            }
        }
        return new Frame.Data(channel, clientId, timestamp, sequence, typed);
    }

    private static String optionalString(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceFirst("^[\\w.]+Exception: ", "");
    }
}
