package dev.feedctl.protocol;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Decimal and time text as Advanced Trade sends it, read without the general-purpose parsers on the common forms
 * (they dominate the decoder's profile), and with them for everything else, so what is accepted does not change.
 */
public final class DecimalsAndTimes {

    private DecimalsAndTimes() {
    }

    /** A decimal like {@code "68900.5"} or {@code "-0.000012"}; null when it is not a decimal. */
    public static BigDecimal decimal(String s) {
        return decimal(s, 0, s.length());
    }

    /** {@link #decimal(String)} of {@code s[from, to)}: the common forms read in place, without a substring. */
    public static BigDecimal decimal(String s, int from, int to) {
        BigDecimal fast = plainDecimal(s, from, to);
        return fast != null ? fast : general(s, from, to, BigDecimal::new);
    }

    /**
     * A decimal a market could mean: at most 40 significant digits and a scale within ±40. {@code 1E+100000000} is
     * valid BigDecimal text, but arithmetic on it runs for ever; it is a violation, never a number feedctl uses.
     */
    public static boolean sane(BigDecimal d) {
        return d.precision() <= 40 && Math.abs(d.scale()) <= 40;
    }

    /** {@link #packed}'s answer for no decimal (null). */
    public static final long NO_DECIMAL = -1;
    /** {@link #packed}'s answer for a decimal that does not pack (negative, over 16 digits, scale outside [0, 127]). */
    public static final long UNPACKED = -2;

    /** Powers of ten a double holds exactly. */
    private static final double[] TENS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};
    private static final long PACKS_BELOW = 10_000_000_000_000_000L; // 10^16: at most 16 digits

    private static final java.math.MathContext FIFTEEN = new java.math.MathContext(15);

    /**
     * A decimal as a double, rounded to 15 digits first: {@code BigDecimal.doubleValue} turns a 16-digit value (a
     * DECIMAL64 quotient) into text and parses it back, and that JDK code, run a few times a second by tail's REST
     * comparisons, reached the JIT's second compiler late in a long run (its working memory showed as RSS peaks). Up
     * to 15 digits and a scale under 23 (a ratio down to 1e-8) it divides two doubles instead. For ratios shown to a
     * tenth of a basis point.
     */
    public static double approx(BigDecimal d) {
        return d.precision() > 15 ? d.round(FIFTEEN).doubleValue() : d.doubleValue();
    }

    /**
     * A non-negative decimal of at most 16 digits and a scale within [0, 127] as one long: the unscaled value above
     * the low 7 bits, the scale in them. Exact, so it reads back with the very scale it came with, and holders of many
     * decimals (the trades and book windows) keep longs instead of objects. Null is {@link #NO_DECIMAL}, anything
     * else {@link #UNPACKED}. The decoder packs as it reads the digits; this packs a decimal made elsewhere.
     */
    public static long packed(BigDecimal d) {
        if (d == null) {
            return NO_DECIMAL;
        }
        int scale = d.scale();
        if (d.signum() < 0 || scale < 0 || scale > 127) {
            return UNPACKED;
        }
        int precision = d.precision();
        if (precision <= 15 && scale < TENS.length) { // the unscaled value without a BigInteger: exact below 2^50
            return (long) (d.doubleValue() * TENS[scale] + 0.5) << 7 | scale;
        }
        return precision > 16 ? UNPACKED : d.unscaledValue().longValue() << 7 | scale;
    }

    /** The decimal of a {@link #packed} value; null for {@link #NO_DECIMAL}. */
    public static BigDecimal unpacked(long packed) {
        return packed == NO_DECIMAL ? null : BigDecimal.valueOf(packed >>> 7, (int) (packed & 127));
    }

    /**
     * {@code s} {@link #plainPacked packed} as it is written: the decoder's packing, for text read elsewhere (REST's
     * trades). {@link #NO_DECIMAL} for null; {@link #UNPACKED} for text that is not plain, short, non-negative decimal
     * text, which {@link #decimal} then decides.
     */
    public static long packed(String s) {
        return s == null ? NO_DECIMAL : plainPacked(s, 0, s.length());
    }

    /**
     * {@code s[from, to)} {@link #packed} when it is plain non-negative decimal text (digits with at most one point
     * inside them, no sign, no exponent) of at most 16 digits once leading zeros are set aside; else {@link #UNPACKED},
     * and {@link #decimal} decides. Equal to {@code packed(decimal(s, from, to))} for every text it packs.
     */
    static long plainPacked(String s, int from, int to) {
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return UNPACKED;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return UNPACKED;
            }
        }
        if (digits == 0 || scale == 0 || unscaled >= PACKS_BELOW) {
            return UNPACKED; // "", ".", "5." and long numbers go the general way
        }
        return unscaled << 7 | Math.max(scale, 0);
    }

    /**
     * {@link #plainPacked} text with an optional minus sign, as a decimal; null for anything else (longer numbers,
     * exponents, "5."), which the general way decides.
     */
    private static BigDecimal plainDecimal(String s, int from, int n) {
        boolean negative = n > from && s.charAt(from) == '-';
        long packed = plainPacked(s, negative ? from + 1 : from, n);
        if (packed < 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -(packed >>> 7) : packed >>> 7, (int) (packed & 127));
    }

    /**
     * {@code s[from, to)} as a number when it is 1 to 18 ASCII digits and nothing else (sequence numbers, counters),
     * or -1: signs, longer numbers and anything else are left to {@link Long#parseLong}, which decides as before.
     */
    static long plainLong(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: {@link #iso} writes the years between itself. */
    private static final long FIRST_ISO_SECOND = -62_167_219_200L;
    private static final long LAST_ISO_SECOND = 253_402_300_799L;

    /**
     * {@link Instant#toString()}'s text (ISO-8601 in UTC, the fraction in groups of three digits, none when zero),
     * written out for years 0000 to 9999 and left to the JDK outside them. tail prints two a line: the JDK's printer
     * runs a formatter over a date-time and a string builder, and a late recompile of it was one of tail's RSS spikes
     * (+19 MiB for seconds, 35 minutes into an hour).
     */
    public static String iso(Instant t) {
        long s = t.getEpochSecond();
        if (s < FIRST_ISO_SECOND || s > LAST_ISO_SECOND) {
            return t.toString();
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(s, 86_400L));
        int second = (int) Math.floorMod(s, 86_400L);
        int nano = t.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] b = new byte[digits == 0 ? 20 : 21 + digits];
        two(b, 0, day.getYear() / 100);
        two(b, 2, day.getYear() % 100);
        b[4] = '-';
        two(b, 5, day.getMonthValue());
        b[7] = '-';
        two(b, 8, day.getDayOfMonth());
        b[10] = 'T';
        two(b, 11, second / 3600);
        b[13] = ':';
        two(b, 14, second / 60 % 60);
        b[16] = ':';
        two(b, 17, second % 60);
        int at = 19;
        if (digits > 0) {
            b[at++] = '.';
            for (int div = 100_000_000, i = 0; i < digits; i++, div /= 10) {
                b[at++] = (byte) ('0' + nano / div % 10);
            }
        }
        b[at] = 'Z';
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void two(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
    }

    /** An RFC 3339 time; null when it is not one. */
    public static Instant time(String s) {
        return time(s, 0, s.length());
    }

    /** {@link #time(String)} of {@code s[from, to)}: the feed's own form read in place, without a substring. */
    public static Instant time(String text, int from, int to) {
        Instant fast = rfc3339(text, from, to);
        return fast != null ? fast : general(text, from, to, DecimalsAndTimes::anyTime);
    }

    /**
     * What the general-purpose {@code parser} makes of {@code s[from, to)}, or null when it rejects the text: the
     * uncommon forms the fast paths leave alone are accepted or refused exactly as the JDK decides.
     */
    private static <T> T general(String s, int from, int to, Function<String, T> parser) {
        try {
            return parser.apply(from == 0 && to == s.length() ? s : s.substring(from, to));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** An ISO instant ({@code Z}), or else one with an offset ({@code +02:00}). */
    private static Instant anyTime(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    /** {@code 2026-09-30T12:00:00[.0-9 digits]Z}: the form the feed sends; anything else returns null. */
    private static Instant rfc3339(String s, int o, int end) {
        int n = end - o;
        if (n < 20 || s.charAt(o + 4) != '-' || s.charAt(o + 7) != '-' || s.charAt(o + 10) != 'T'
                || s.charAt(o + 13) != ':' || s.charAt(o + 16) != ':' || s.charAt(end - 1) != 'Z') {
            return null;
        }
        int year = digits(s, o, 4);
        int month = digits(s, o + 5, 2);
        int day = digits(s, o + 8, 2);
        int hour = digits(s, o + 11, 2);
        int minute = digits(s, o + 14, 2);
        int second = digits(s, o + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        int i = 19;
        if (i < n - 1) {
            if (s.charAt(o + i) != '.' || n - 1 - (i + 1) < 1 || n - 1 - (i + 1) > 9) {
                return null;
            }
            int frac = digits(s, o + i + 1, n - 1 - (i + 1));
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int k = n - 1 - (i + 1); k < 9; k++) {
                nanos *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // 2026-02-30: let the general parser say no
        }
    }

    /** The number written by {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        return (int) plainLong(s, from, from + len);
    }
}
