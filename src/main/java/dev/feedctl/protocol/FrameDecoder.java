package dev.feedctl.protocol;

import com.google.gson.JsonParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one text frame into typed records and validates it against the Advanced Trade protocol in the same pass.
 * Stateless and thread-safe.
 */
public final class FrameDecoder {

    private static final FieldReader.Names ENVELOPE = new FieldReader.Names("channel", "client_id", "timestamp", "sequence_num",
            "events");
    private static final FieldReader.Names ERROR_FIELDS = new FieldReader.Names("type", "message", "reason");

    /** A binary frame: Advanced Trade sends text only, so it is counted and named, never silently dropped. */
    public Decoded binary(int bytes) {
        List<Violation> violations = new ArrayList<>(1);
        violations.add(Violation.error("frame.binary", "$", "a binary frame of " + bytes + " bytes: Advanced Trade "
                + "sends text (JSON) frames only"));
        return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.BINARY), violations);
    }

    /** One tape per thread, reused frame after frame; let go when a frame made it huge. */
    private static final ThreadLocal<JsonIndex> TAPES = ThreadLocal.withInitial(JsonIndex::new);

    public Decoded decode(String text) {
        List<Violation> violations = new ArrayList<>(0);
        JsonIndex tape = TAPES.get();
        try {
            tape.parse(text);
        } catch (JsonIndex.Refused refused) {
            tape.forget();
            return refused(text, violations);
        } finally {
            if (tape.isHuge()) {
                TAPES.remove();
            }
        }
        try {
            FieldReader f = new FieldReader(tape, violations);
            if (tape.kind(0) != JsonIndex.OBJECT) {
                violations.add(Violation.error("frame.not-object", "$", "a frame must be a JSON object, got "
                        + f.kind(0)));
                return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_OBJECT), violations);
            }
            return decode(f, tape, violations);
        } finally {
            tape.forget(); // the index is kept for the next frame, the text is not (it may be a snapshot of megabytes)
        }
    }

    /** Not strict JSON: gson's strict reader names the first problem (the tape only knows that there is one). */
    private static Decoded refused(String text, List<Violation> violations) {
        String why;
        try {
            Json.parse(text);
            why = "refused by feedctl's scanner"; // the two readers accept the same grammar; tested, never expected
        } catch (Json.DuplicateKey e) {
            violations.add(Violation.error("frame.duplicate-key", "$", e.getMessage()));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_JSON), violations);
        } catch (JsonParseException | IllegalStateException e) {
            why = firstLine(e.getMessage());
        }
        violations.add(Violation.error("frame.not-json", "$", "not valid JSON: " + why));
        return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.NOT_JSON), violations);
    }

    private Decoded decode(FieldReader f, JsonIndex t, List<Violation> violations) {
        int o = 0;
        FeedFamily family = Fingerprint.of(t, o);
        if (family == FeedFamily.ADVANCED_TRADE && t.get(o, "channel") < 0 && t.get(o, "type") >= 0) {
            String message = f.string(o, "message", "error", true);
            f.unknownFields(o, ERROR_FIELDS);
            return new Decoded(new Frame.Error(message, optionalString(t, o, "reason")), violations);
        }
        if (family == null) {
            violations.add(Violation.error("frame.unknown-shape", "$", "a JSON object with neither \"channel\" nor "
                    + "\"type\": not an Advanced Trade frame"));
            return new Decoded(new Frame.Unreadable(Frame.Unreadable.Problem.UNKNOWN_SHAPE), violations);
        }
        if (family != FeedFamily.ADVANCED_TRADE) {
            violations.add(Violation.error("frame.foreign-format", "$", "frame is from the " + family.description()
                    + ": " + family.advice()));
            return new Decoded(new Frame.Foreign(family, optionalString(t, o, "type")), violations);
        }
        return new Decoded(envelope(o, f, t), violations);
    }

    private Frame.Data envelope(int o, FieldReader f, JsonIndex t) {
        String channel = f.string(o, "channel", "envelope", true, EventReader.CHANNELS);
        // sources disagree: the docs and every capture to 2025 send client_id "", 2026 market data and Coinbase's
        // AsyncAPI spec leave it out, 2026 user-channel frames still send "": optional, never a violation
        String clientId = f.string(o, "client_id", "envelope", false, EMPTY);
        Instant timestamp = f.timestamp(o, "timestamp", "envelope", true);
        Long sequence = f.integer(o, "sequence_num", "envelope", true, false);
        if (sequence != null && sequence < 0) {
            f.error("envelope", "sequence_num-negative", "$.sequence_num", "sequence_num is " + sequence);
        }
        int events = f.array(o, "events", "envelope", true);
        f.unknownFields(o, ENVELOPE);
        List<Event> typed = new ArrayList<>(1);
        if (events >= 0 && channel != null) {
            EventReader reader = EventReader.forChannel(channel, f);
            if (reader == null) {
                f.drift("unknown-channel", "$.channel", "channel \"" + channel + "\" is not in the protocol fact sheet");
            }
            int i = 0;
            for (int n = events + 1; n < t.after(events); n = t.after(n), i++) {
                f.enter("events", i);
                int event = f.element(n, "envelope");
                if (event >= 0) {
                    typed.add(reader == null ? new Event.Unknown(t.toGson(event).getAsJsonObject()) : reader.read(event));
                }
                f.leave();
            }
        }
        return new Frame.Data(channel, clientId, timestamp, sequence, typed);
    }

    private static final String[] EMPTY = {""};

    private static String optionalString(JsonIndex t, int o, String field) {
        int e = t.get(o, field);
        return e < 0 || t.kind(e) == JsonIndex.OBJECT || t.kind(e) == JsonIndex.ARRAY || t.kind(e) == JsonIndex.NULL
                ? null : t.string(e);
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
