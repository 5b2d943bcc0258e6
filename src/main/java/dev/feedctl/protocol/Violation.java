package dev.feedctl.protocol;

/**
 * One way a frame breaks (or drifts from) the Advanced Trade protocol.
 *
 * @param rule     stable rule name, e.g. {@code ticker.price-not-decimal}; users grep for it
 * @param path     JSON path of the offending value, e.g. {@code $.events[0].tickers[1].price}
 * @param message  what is wrong, in words
 * @param severity ERROR breaks the protocol; INFO is drift Coinbase allows (new channels, fields, types)
 */
public record Violation(String rule, String path, String message, Severity severity) {

    public enum Severity { ERROR, INFO }

    /** Paths and messages quote what the server sent (field names, values): printable only. */
    public Violation {
        path = NetworkText.text(path);
        message = NetworkText.text(message);
    }

    public static Violation error(String rule, String path, String message) {
        return new Violation(rule, path, message, Severity.ERROR);
    }

    public static Violation drift(String rule, String path, String message) {
        return new Violation(rule, path, message, Severity.INFO);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return rule + " at " + path + ": " + message;
    }
}
