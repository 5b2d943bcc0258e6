package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of JSON while recording every violation with its rule and path.
 * Rule names are {@code <scope>.<kind>}: {@code missing-field}, {@code wrong-type},
 * {@code <field>-not-decimal}, {@code <field>-not-timestamp}, {@code <field>-invalid}.
 */
final class Fields {

    private final List<Violation> out;

    Fields(List<Violation> out) {
        this.out = out;
    }

    void error(String scope, String kind, String path, String message) {
        out.add(Violation.error(scope + "." + kind, path, message));
    }

    void drift(String kind, String path, String message) {
        out.add(Violation.drift("drift." + kind, path, message));
    }

    private JsonElement present(JsonObject o, String field, String path, String scope, boolean required) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            if (required) {
                error(scope, "missing-field", path + "." + field, "required field \"" + field + "\" is missing");
            }
            return null;
        }
        return e;
    }

    String string(JsonObject o, String field, String path, String scope, boolean required) {
        JsonElement e = present(o, field, path, scope, required);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            error(scope, "wrong-type", path + "." + field, "\"" + field + "\" must be a string, got " + kind(e));
            return null;
        }
        return e.getAsString();
    }

    /** A value from a fixed set; anything else breaks {@code <scope>.<field>-invalid}. */
    String oneOf(JsonObject o, String field, String path, String scope, Set<String> allowed) {
        String s = string(o, field, path, scope, true);
        if (s != null && !allowed.contains(s)) {
            error(scope, field + "-invalid", path + "." + field,
                    "\"" + field + "\" is \"" + s + "\"; expected one of " + allowed);
            return null;
        }
        return s;
    }

    /** Decimal text as the protocol sends it: a JSON string. An empty string counts as absent. */
    BigDecimal decimal(JsonObject o, String field, String path, String scope, boolean required) {
        JsonElement e = present(o, field, path, scope, required);
        if (e == null) {
            return null;
        }
        String p = path + "." + field;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            error(scope, field + "-not-decimal", p,
                    "\"" + field + "\" must be decimal text in a JSON string, got " + kind(e));
            return null;
        }
        String s = e.getAsString();
        if (s.isEmpty()) {
            if (required) {
                error(scope, field + "-not-decimal", p, "\"" + field + "\" is an empty string");
            }
            return null;
        }
        BigDecimal value = Texts.decimal(s);
        if (value == null) {
            error(scope, field + "-not-decimal", p, "\"" + field + "\" is \"" + abbreviate(s) + "\", not a decimal");
        } else if (!Texts.sane(value)) {
            error(scope, field + "-not-decimal", p, "\"" + field + "\" is \"" + abbreviate(s) + "\", an absurd "
                    + "decimal (over 40 digits or an exponent beyond ±40)");
            return null;
        }
        return value;
    }

    /** A decimal that must be above zero (prices, sizes of a trade): zero or less breaks {@code <field>-not-positive}. */
    BigDecimal positive(JsonObject o, String field, String path, String scope, boolean required) {
        BigDecimal d = decimal(o, field, path, scope, required);
        if (d != null && d.signum() <= 0) {
            error(scope, field + "-not-positive", path + "." + field, "\"" + field + "\" is " + d.toPlainString()
                    + "; a price or a trade size is above zero");
        }
        return d;
    }

    /** An integer sent either as a JSON number or as digits in a string (heartbeat counters come both ways). */
    Long integer(JsonObject o, String field, String path, String scope, boolean required, boolean allowString) {
        JsonElement e = present(o, field, path, scope, required);
        if (e == null) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            String text = p.isNumber() || (allowString && p.isString()) ? p.getAsString() : null;
            if (text != null) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
        }
        error(scope, field + "-not-integer", path + "." + field,
                "\"" + field + "\" must be an integer" + (allowString ? " (number or digit string)" : "")
                        + ", got " + abbreviate(e.toString()));
        return null;
    }

    Instant timestamp(JsonObject o, String field, String path, String scope, boolean required) {
        String s = string(o, field, path, scope, required);
        if (s == null) {
            return null;
        }
        Instant t = parseTime(s);
        if (t == null) {
            error(scope, field + "-not-timestamp", path + "." + field,
                    "\"" + field + "\" is \"" + abbreviate(s) + "\", not an RFC 3339 time");
        }
        return t;
    }

    static Instant parseTime(String s) {
        return Texts.time(s);
    }

    JsonArray array(JsonObject o, String field, String path, String scope, boolean required) {
        JsonElement e = present(o, field, path, scope, required);
        if (e == null) {
            return null;
        }
        if (!e.isJsonArray()) {
            error(scope, "wrong-type", path + "." + field, "\"" + field + "\" must be an array, got " + kind(e));
            return null;
        }
        return e.getAsJsonArray();
    }

    JsonObject object(JsonObject o, String field, String path, String scope, boolean required) {
        JsonElement e = present(o, field, path, scope, required);
        if (e == null) {
            return null;
        }
        if (!e.isJsonObject()) {
            error(scope, "wrong-type", path + "." + field, "\"" + field + "\" must be an object, got " + kind(e));
            return null;
        }
        return e.getAsJsonObject();
    }

    /** The element as an object, or a {@code wrong-type} violation. */
    JsonObject element(JsonElement e, String path, String scope) {
        if (e == null || !e.isJsonObject()) {
            error(scope, "wrong-type", path, "expected an object, got " + kind(e));
            return null;
        }
        return e.getAsJsonObject();
    }

    /** Fields the protocol does not list are drift (INFO): Coinbase adds fields without notice. */
    void unknownFields(JsonObject o, Set<String> known, String path) {
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                drift("unknown-field", path + "." + key, "field \"" + key + "\" is not in the protocol fact sheet");
            }
        }
    }

    static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? "the number " + p.getAsString() : p.isBoolean() ? "a boolean" : "a string";
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
