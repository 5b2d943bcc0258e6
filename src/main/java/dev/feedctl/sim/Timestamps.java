package dev.feedctl.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 UTC as Coinbase (Go) writes it: up to nine fractional digits with trailing zeros trimmed, none at all on a
 * whole second. The date-time prefix is cached per second for speed.
 */
final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private record Cached(long epochSecond, String prefix) {
    }

    private static volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    static void append(StringBuilder sb, Instant t) {
        Cached c = cached;
        if (c.epochSecond != t.getEpochSecond()) {
            c = new Cached(t.getEpochSecond(), SECONDS.format(t));
            cached = c;
        }
        sb.append(c.prefix);
        Market.appendFraction(sb, t.getNano(), 9);
        sb.append('Z');
    }

    static String format(Instant t) {
        StringBuilder sb = new StringBuilder(32);
        append(sb, t);
        return sb.toString();
    }
}
