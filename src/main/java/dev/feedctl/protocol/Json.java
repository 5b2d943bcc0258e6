package dev.feedctl.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * The one JSON writer configuration: HTML escaping off (a JWT claim, a frame or a report must read as sent), nulls
 * kept. Compact for the wire, NDJSON and tokens; indented for documents.
 */
public final class Json {

    public static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    public static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting()
            .create();

    private Json() {
    }

    /**
     * Parses one JSON document strictly (RFC 8259): no single quotes, unquoted names, comments or trailing data,
     * which gson's default parser accepts. Coinbase sends strict JSON; anything else is not JSON.
     *
     * @throws JsonParseException with gson's description of the first problem
     */
    public static JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        try {
            JsonElement e = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("more text after the JSON value at " + reader.getPath());
            }
            return e;
        } catch (DuplicateKey e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new JsonSyntaxException(plain(e.getMessage()), e);
        }
    }

    /** How deep {@code e} nests (a scalar is 0, {@code []} is 1), without recursion. */
    public static int depth(JsonElement e) {
        int max = 0;
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        todo.push(new Object[] {e, 0});
        while (!todo.isEmpty()) {
            Object[] t = todo.pop();
            JsonElement x = (JsonElement) t[0];
            int d = (Integer) t[1];
            if (x.isJsonArray()) {
                max = Math.max(max, d + 1);
                x.getAsJsonArray().forEach(c -> todo.push(new Object[] {c, d + 1}));
            } else if (x.isJsonObject()) {
                max = Math.max(max, d + 1);
                x.getAsJsonObject().entrySet().forEach(c -> todo.push(new Object[] {c.getValue(), d + 1}));
            }
        }
        return max;
    }

    /**
     * The most containers one document may nest (gson's own default): deeper than any frame Coinbase sends; deeper
     * still is refused, not recursed into. {@link JsonIndex} refuses at the same depth.
     */
    static final int MAX_DEPTH = 255;

    /** A name twice in one object: valid to gson (the last one wins), ambiguous to every reader, so refused. */
    public static final class DuplicateKey extends JsonParseException {
        private static final long serialVersionUID = 1L;

        DuplicateKey(String name, String path) {
            super("the name \"" + NetworkText.text(name) + "\" appears twice in one object at " + path);
        }
    }

    /** Refuses an open container at {@code depth} (0 for the root) past {@link #MAX_DEPTH}, in our words. */
    private static void nest(JsonReader in, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new JsonSyntaxException("nested deeper than " + MAX_DEPTH + " levels at " + in.getPath());
        }
    }

    private static JsonElement read(JsonReader in, int depth) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                nest(in, depth);
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (o.has(name)) {
                        throw new DuplicateKey(name, in.getPath());
                    }
                    o.add(name, read(in, depth + 1));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                nest(in, depth);
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    a.add(read(in, depth + 1));
                }
                in.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(in));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new JsonSyntaxException("unexpected " + in.peek() + " at " + in.getPath());
        }
    }

    /**
     * A JSON number kept as its text (no rounding, written back as received), through gson's public number policy:
     * {@code text} is one number the caller has already scanned.
     */
    static Number number(String text) {
        try {
            return ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(new JsonReader(new StringReader(text)));
        } catch (IOException e) {
            throw new JsonSyntaxException(plain(e.getMessage()), e);
        }
    }

    /** gson's message without its advice to parse leniently and its troubleshooting link. */
    private static String plain(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        String m = message.replaceAll("\\s*See https?://\\S+", "")
                .replaceAll("^(?:[\\w.]+Exception: )+", "");
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "malformed JSON (single quotes, unquoted names, comments or extra text)").strip();
    }
}
