package dev.feedctl.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The JSON writers every renderer shares: compact for NDJSON, indented for documents. */
public final class Json {

    public static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    public static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting()
            .create();

    private Json() {
    }
}
