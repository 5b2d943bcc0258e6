package dev.feedctl.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of one frame's {@link JsonIndex} while recording every violation with its rule and path.
 * Rule names are {@code <scope>.<kind>}: {@code missing-field}, {@code wrong-type},
 * {@code <field>-not-decimal}, {@code <field>-not-timestamp}, {@code <field>-invalid}.
 * The path of the object being read is a stack of segments ({@link #enter}/{@link #leave}), rendered as text only
 * for a violation: a valid frame builds no path.
 */
final class FieldReader {

    private static final int MAX_DEPTH = 8;

    private final JsonIndex t;
    private final List<Violation> out;
    private final String[] segments = new String[MAX_DEPTH];
    private final int[] indexes = new int[MAX_DEPTH];
    private int depth;
    /** The last time text read and its instant: every update of a level2 snapshot carries the same event_time. */
    private int lastTime = -1;
    private Instant lastInstant;
    private long lastPacked = DecimalsAndTimes.NO_DECIMAL;

    FieldReader(JsonIndex t, List<Violation> out) {
        this.t = t;
        this.out = out;
    }

    JsonIndex tape() {
        return t;
    }

    /** Into member {@code field}, item {@code index} of it (-1: the member itself). */
    void enter(String field, int index) {
        segments[depth] = field;
        indexes[depth] = index;
        depth++;
    }

    void leave() {
        depth--;
    }

    /** The path of the object being read, e.g. {@code $.events[0].tickers[1]}. */
    String here() {
        StringBuilder b = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            b.append('.').append(segments[i]);
            if (indexes[i] >= 0) {
                b.append('[').append(indexes[i]).append(']');
            }
        }
        return b.toString();
    }

    String at(String field) {
        return here() + "." + field;
    }

    void error(String scope, String kind, String path, String message) {
        out.add(Violation.error(scope + "." + kind, path, message));
    }

    void drift(String kind, String path, String message) {
        out.add(Violation.drift("drift." + kind, path, message));
    }

    private int present(int o, String field, String scope, boolean required) {
        int e = t.get(o, field);
        if (t.isNull(e)) {
            if (required) {
                error(scope, "missing-field", at(field), "required field \"" + field + "\" is missing");
            }
            return -1;
        }
        return e;
    }

    String string(int o, String field, String scope, boolean required) {
        return string(o, field, scope, required, NONE);
    }

    private static final String[] NONE = {};

    /** A string member; when its text is one of {@code known}, that instance (the common words cost nothing). */
    String string(int o, String field, String scope, boolean required, String[] known) {
        int e = member(o, field, scope, required, JsonIndex.STRING, "a string");
        if (e < 0) {
            return null;
        }
        return t.string(e, known);
    }

    /**
     * A {@code product_id}: the very instance read before it on this thread when the text is the same. A frame's
     * hundreds of trades name one product (and a one-product run's frames all do); the checks compare it once a
     * trade, and one instance compares at once where two copies compare letter by letter.
     */
    String productId(int o, String scope) {
        String s = string(o, "product_id", scope, true, t.lastProduct);
        if (s != null) {
            t.lastProduct[0] = s;
        }
        return s;
    }

    /** A value from a fixed set; anything else breaks {@code <scope>.<field>-invalid}. */
    String oneOf(int o, String field, String scope, Set<String> allowed, String[] known) {
        String s = string(o, field, scope, true, known);
        if (s != null && !allowed.contains(s)) {
            error(scope, field + "-invalid", at(field), "\"" + field + "\" is \"" + s + "\"; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return s;
    }

    /** Decimal text as the protocol sends it: a JSON string. An empty string counts as absent. */
    BigDecimal decimal(int o, String field, String scope, boolean required) {
        lastPacked = DecimalsAndTimes.NO_DECIMAL;
        int e = member(o, field, scope, required, JsonIndex.STRING, DECIMAL_TEXT);
        if (e < 0) {
            return null;
        }
        if (t.end(e) == t.start(e)) {
            if (required) {
                error(scope, field + "-not-decimal", at(field), "\"" + field + "\" is an empty string");
            }
            return null;
        }
        long packed = t.escaped(e) ? DecimalsAndTimes.UNPACKED : DecimalsAndTimes.plainPacked(t.text(), t.start(e),
                t.end(e));
        if (packed >= 0) { // the common case: the digits read once, for the decimal and its packed form
            lastPacked = packed;
            return DecimalsAndTimes.unpacked(packed);
        }
        BigDecimal value = t.escaped(e) ? DecimalsAndTimes.decimal(t.string(e)) : DecimalsAndTimes.decimal(t.text(), t.start(e), t.end(e));
        lastPacked = DecimalsAndTimes.packed(value);
        if (value == null) {
            error(scope, field + "-not-decimal", at(field), "\"" + field + "\" is \"" + abbreviate(t.string(e))
                    + "\", not a decimal");
        } else if (!DecimalsAndTimes.sane(value)) {
            error(scope, field + "-not-decimal", at(field), "\"" + field + "\" is \"" + abbreviate(t.string(e))
                    + "\", an absurd decimal (over 40 digits or an exponent beyond ±40)");
            lastPacked = DecimalsAndTimes.NO_DECIMAL;
            return null;
        }
        return value;
    }

    /**
     * The decimal the latest {@link #decimal} or {@link #positive} call returned, {@link DecimalsAndTimes#packed
     * packed} ({@link DecimalsAndTimes#NO_DECIMAL} when it returned null).
     */
    long lastPacked() {
        return lastPacked;
    }

    /** A decimal that must be above zero (prices, sizes of a trade): zero or less breaks {@code <field>-not-positive}. */
    BigDecimal positive(int o, String field, String scope, boolean required) {
        BigDecimal d = decimal(o, field, scope, required);
        if (d != null && d.signum() <= 0) {
            error(scope, field + "-not-positive", at(field), "\"" + field + "\" is " + d.toPlainString()
                    + "; a price or a trade size is above zero");
        }
        return d;
    }

    /** An integer sent either as a JSON number or as digits in a string (heartbeat counters come both ways). */
    Long integer(int o, String field, String scope, boolean required, boolean allowString) {
        int e = present(o, field, scope, required);
        if (e < 0) {
            return null;
        }
        int kind = t.kind(e);
        if (kind == JsonIndex.NUMBER || (allowString && kind == JsonIndex.STRING)) {
            long plain = t.escaped(e) ? -1 : DecimalsAndTimes.plainLong(t.text(), t.start(e), t.end(e));
            if (plain >= 0) {
                return plain;
            }
            try {
                return t.escaped(e) ? Long.parseLong(t.string(e))
                        : Long.parseLong(t.text(), t.start(e), t.end(e), 10);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        error(scope, field + "-not-integer", at(field),
                "\"" + field + "\" must be an integer" + (allowString ? " (number or digit string)" : "")
                        + ", got " + abbreviate(t.toGson(e).toString()));
        return null;
    }

    Instant timestamp(int o, String field, String scope, boolean required) {
        int e = member(o, field, scope, required, JsonIndex.STRING, "a string");
        if (e < 0) {
            return null;
        }
        if (lastTime >= 0 && t.sameText(lastTime, e)) {
            return lastInstant;
        }
        Instant time = t.escaped(e) ? DecimalsAndTimes.time(t.string(e)) : DecimalsAndTimes.time(t.text(), t.start(e), t.end(e));
        if (time == null) {
            error(scope, field + "-not-timestamp", at(field),
                    "\"" + field + "\" is \"" + abbreviate(t.string(e)) + "\", not an RFC 3339 time");
            return null;
        }
        lastTime = e;
        lastInstant = time;
        return time;
    }

    /** An array member (its node), or -1. */
    int array(int o, String field, String scope, boolean required) {
        return member(o, field, scope, required, JsonIndex.ARRAY, "an array");
    }

    /** An object member (its node), or -1. */
    int object(int o, String field, String scope, boolean required) {
        return member(o, field, scope, required, JsonIndex.OBJECT, "an object");
    }

    private static final String DECIMAL_TEXT = "decimal text in a JSON string";

    /**
     * A member's node when it is of {@code kind}, else -1: absent (a violation when required) or of another kind
     * ({@code <field>-not-decimal} for decimal text, {@code wrong-type} for the rest).
     */
    private int member(int o, String field, String scope, boolean required, int kind, String words) {
        int e = present(o, field, scope, required);
        if (e >= 0 && t.kind(e) != kind) {
            error(scope, DECIMAL_TEXT.equals(words) ? field + "-not-decimal" : "wrong-type", at(field),
                    "\"" + field + "\" must be " + words + ", got " + kind(e));
            return -1;
        }
        return e;
    }

    /** The node if it is an object (the path is {@link #here()}), or a {@code wrong-type} violation and -1. */
    int element(int e, String scope) {
        if (e < 0 || t.kind(e) != JsonIndex.OBJECT) {
            error(scope, "wrong-type", here(), "expected an object, got " + kind(e));
            return -1;
        }
        return e;
    }

    /**
     * The field names an object may have, with their hashes side by side: each member of every frame is looked up
     * among them, in a run of ints before any text is compared.
     */
    static final class Names {
        private final String[] words;
        private final int[] hashes;

        Names(String... words) {
            this.words = words.clone();
            this.hashes = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                hashes[i] = words[i].hashCode();
            }
        }
    }

    /** Fields the protocol does not list are drift (INFO): Coinbase adds fields without notice. */
    void unknownFields(int o, Names known) {
        for (int k = o + 1; k < t.after(o); k = t.after(k + 1)) {
            if (!isOneOf(k, known)) {
                String key = t.string(k);
                drift("unknown-field", at(key), "field \"" + key + "\" is not in the protocol fact sheet");
            }
        }
    }

    private boolean isOneOf(int k, Names names) {
        int h = t.nameHash(k);
        for (int i = 0; i < names.hashes.length; i++) {
            if (names.hashes[i] == h && t.nameIs(k, names.words[i])) {
                return true;
            }
        }
        return false;
    }

    /** How a value reads in a message: {@code null}, {@code an object}, {@code the number 5}, … */
    String kind(int e) {
        if (t.isNull(e)) {
            return "null";
        }
        return switch (t.kind(e)) {
            case JsonIndex.OBJECT -> "an object";
            case JsonIndex.ARRAY -> "an array";
            case JsonIndex.NUMBER -> "the number " + t.string(e);
            case JsonIndex.STRING -> "a string";
            default -> "a boolean";
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
