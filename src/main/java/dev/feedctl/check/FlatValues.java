package dev.feedctl.check;

import dev.feedctl.protocol.DecimalsAndTimes;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How the trades and book windows hold times and decimals in primitive arrays: an instant as epoch nanoseconds, a
 * decimal {@link #pack packed} into one long with its scale (exact, so REST's figures still compare exactly), or as
 * its unscaled long and scale to compare ({@link #ABSENT}: no decimal). Values that do not fit say so, and their
 * holders keep them as objects instead.
 */
final class FlatValues {

    static final int ABSENT = Integer.MIN_VALUE;
    /** Epoch nanoseconds fit a long within about ±292 years of 1970; beyond this, times are held as objects. */
    private static final long MAX_SECONDS = 9_000_000_000L;

    private FlatValues() {
    }

    static boolean fits(Instant t) {
        return t != null && Math.abs(t.getEpochSecond()) < MAX_SECONDS;
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** True for null and for decimals of at most 18 digits (precision needs no allocation for those). */
    static boolean fits(BigDecimal d) {
        return d == null || d.precision() <= 18 && d.scale() != ABSENT;
    }

    /** Powers of ten a double holds exactly. */
    private static final double[] TENS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /**
     * The unscaled value of a decimal {@link #fits} accepts. {@code unscaledValue()} makes a BigInteger on every call
     * (64 bytes, three times per book change); up to 15 digits and scale 15 the double path is exact instead (the
     * quotient and the product are each rounded once, together off by under 0.25 below 2^50) and makes nothing.
     */
    static long unscaled(BigDecimal d) {
        if (d == null) {
            return 0;
        }
        int scale = d.scale();
        if (scale >= 0 && scale < TENS.length && d.precision() <= 15) {
            return Math.round(d.doubleValue() * TENS[scale]);
        }
        return d.unscaledValue().longValue();
    }

    /** Whether two flat decimals are the same number ("100.10" and "100.1" are). */
    static boolean same(long u1, int s1, long u2, int s2) {
        if (s1 == ABSENT || s2 == ABSENT) {
            return s1 == s2;
        }
        while (s1 > s2 && u1 % 10 == 0) {
            u1 /= 10;
            s1--;
        }
        while (s2 > s1 && u2 % 10 == 0) {
            u2 /= 10;
            s2--;
        }
        return u1 == 0 && u2 == 0 || s1 == s2 && u1 == u2;
    }

    /** A packed decimal's stand-in for no level (no size) at all. */
    static final long NO_LEVEL = DecimalsAndTimes.NO_DECIMAL;
    /** {@link #pack}'s answer for a decimal that does not pack: its holder keeps it as an object. */
    static final long UNFIT = DecimalsAndTimes.UNPACKED;

    /** {@link DecimalsAndTimes#packed}: decimals as the windows hold them. */
    static long pack(BigDecimal d) {
        return DecimalsAndTimes.packed(d);
    }

    /** The decimal {@link #pack} made; null for {@link #NO_LEVEL}. */
    static BigDecimal unpack(long packed) {
        return DecimalsAndTimes.unpacked(packed);
    }

    static long packedUnscaled(long packed) {
        return packed >>> 7;
    }

    static int packedScale(long packed) {
        return (int) (packed & 127);
    }

    /** A trade id as a number when it is one written plainly (no sign, no leading zero, at most 18 digits), else -1. */
    static long plainNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || n > 1 && s.charAt(0) == '0') {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
