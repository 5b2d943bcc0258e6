package dev.feedctl.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every number and duration feedctl writes for people or machines, and every duration it reads, in one place with a
 * fixed locale: a German machine must still print {@code 12.3 ms}, and scripts parse what they saw yesterday.
 */
public final class Notation {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    /** Longer than any run anyone means: beyond it a typo (99999999999h) would overflow deadlines. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private Notation() {
    }

    /** {@code printf}-style formatting in {@link Locale#ROOT}. */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** {@code 12.3 ms}: a measured time, to a tenth of a millisecond. */
    public static String millis(Duration d) {
        return d == null ? "-" : format("%.1f ms", d.toNanos() / 1e6);
    }

    /** {@code 850 ms} below a second, else {@code 2.5 s}: a span for a sentence. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : format("%.1f s", ms / 1000.0);
    }

    /**
     * {@link #duration} of a figure judged beyond {@code limit}, in milliseconds when rounding would make it read as
     * the limit itself: "2040 ms without one (more than 2 s)", never "2.0 s without one (more than 2 s)".
     */
    public static String beyond(Duration d, Duration limit) {
        String text = duration(d);
        return d.compareTo(limit) > 0 && text.equals(duration(limit)) ? d.toMillis() + " ms" : text;
    }

    /**
     * {@code BTC-USD 200, ETH-USD 198}: figures by name (products, channels, rules) for a sentence, sorted by name so
     * the text is the same on every run whatever map held them; {@code none} when there are none.
     */
    public static String byName(Map<String, ?> figures) {
        if (figures.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(figures).forEach((name, figure) -> sb.append(sb.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(figure instanceof Duration d ? duration(d) : figure));
        return sb.toString();
    }

    /** {@code heartbeats, ticker}: names (products, channels) sorted, for a sentence; {@code none} when empty. */
    public static String names(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }

    /** {@code 12.5 bps}, {@code 50 bps}: a price difference in basis points, to a tenth. */
    public static String bps(BigDecimal bps) {
        BigDecimal tenth = bps.setScale(1, RoundingMode.HALF_UP);
        return (tenth.signum() == 0 ? "0" : tenth.stripTrailingZeros().toPlainString()) + " bps";
    }

    /** {@link #bps(BigDecimal)} of a limit given as a number. */
    public static String bps(double bps) {
        return bps(BigDecimal.valueOf(bps));
    }

    /**
     * {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or a bare number of seconds.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a duration
     */
    public static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (e.g. 500ms, 10s, 2m)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (!(millis <= LONGEST.toMillis())) {
            throw new IllegalArgumentException("'" + value + "' is longer than a year; give at most "
                    + LONGEST.toHours() + "h");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
