package dev.feedctl.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

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
}
