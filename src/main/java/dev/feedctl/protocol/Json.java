package dev.feedctl.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
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
        try {
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("more text after the JSON value at " + reader.getPath());
            }
            return e;
        } catch (IOException | JsonParseException e) {
            throw new JsonSyntaxException(plain(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new JsonSyntaxException("nested too deeply");
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
