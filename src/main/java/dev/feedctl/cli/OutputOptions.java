package dev.feedctl.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code -o text|json|ndjson} and {@code --no-color}. */
public final class OutputOptions {

    public enum Format { TEXT, JSON, NDJSON, CSV }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (humans), json (one document), ndjson (one object per line); csv for tail.")
    String output;

    @Option(names = "--no-color", description = "Plain text; NO_COLOR in the environment does the same.")
    boolean noColor;

    /** The chosen format, or {@code fallback} when none was given. */
    public Format format(Format fallback, Format... allowed) {
        if (output == null) {
            return fallback;
        }
        Format f;
        try {
            f = Format.valueOf(output.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ExitException.usage("unknown output format '" + output + "'; use one of "
                    + names(allowed));
        }
        if (!java.util.List.of(allowed).contains(f)) {
            throw ExitException.usage("output format '" + output + "' is not offered here; use one of "
                    + names(allowed));
        }
        return f;
    }

    /** {@code text, json}: the formats a command offers, as the user types them. */
    private static String names(Format... formats) {
        return java.util.Arrays.stream(formats).map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
