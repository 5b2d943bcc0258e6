package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast readers must accept and refuse exactly what the JDK's general parsers do, with the same values. */
class DecimalsAndTimesTest {

    private static BigDecimal general(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant generalTime(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Test
    void decimalsAgreeWithBigDecimal() {
        String[] edges = {"0", "-0", "0.0", "68900.5", "83261", "0.7", "-0.000012", "", "-", ".", "5.", ".5", "+1",
            "1e5", "1E+100", "123456789012345678", "1234567890123456789", "12.345678901234567890", "1..2", "1-2",
            "--1", " 1", "1 ", "0x10", "NaN", "Infinity", "٣"};
        for (String s : edges) {
            assertEquals(general(s), DecimalsAndTimes.decimal(s), s);
        }
        SplittableRandom r = new SplittableRandom(42);
        String alphabet = "0123456789.-+eE ";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(1, 24);
            for (int k = 0; k < len; k++) {
                sb.append(r.nextInt(10) < 8 ? (char) ('0' + r.nextInt(10)) : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(general(s), DecimalsAndTimes.decimal(s), s);
        }
    }

    /** The decoder's packing as it reads the digits must be the packing of the decimal it returns, exactly. */
    @Test
    void packingWhileReadingAgreesWithPackingTheDecimal() {
        String[] edges = {"0", "0.0", "0.00000000", "007", "68900.5", "0.00000001", "9999999999999999",
            "10000000000000000", "999999999999999.9", "0.9999999999999999", "1.00000000000000000", "5.", ".5", "",
            ".", "-1", "1e5", "123456789012345678"};
        for (String s : edges) {
            check(s);
        }
        SplittableRandom r = new SplittableRandom(7);
        int packed = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(1, 21);
            for (int k = 0; k < len; k++) {
                sb.append(r.nextInt(12) < 11 ? (char) ('0' + r.nextInt(10)) : r.nextInt(4) == 0 ? '-' : '.');
            }
            packed += check(sb.toString()) ? 1 : 0;
        }
        assertTrue(packed > 50_000, "the fast path packs the common forms: " + packed);
    }

    private static boolean check(String s) {
        long fast = DecimalsAndTimes.plainPacked(s, 0, s.length());
        BigDecimal d = DecimalsAndTimes.decimal(s);
        if (fast == DecimalsAndTimes.UNPACKED) {
            return false; // the general way decides: FieldReader packs its decimal then
        }
        assertEquals(DecimalsAndTimes.packed(d), fast, s);
        BigDecimal back = DecimalsAndTimes.unpacked(fast);
        assertEquals(d, back, s + ": the same value and scale");
        return true;
    }

    @Test
    void timesAgreeWithTheJdk() {
        String[] edges = {"2026-09-30T12:00:00Z", "2026-09-30T12:00:00.1Z", "2026-09-30T12:00:00.123456789Z",
            "2026-09-30T12:00:00.1234567891Z", "2026-09-30T12:00:00.Z", "2026-02-30T12:00:00Z",
            "2024-02-29T23:59:59.999Z", "2026-13-01T00:00:00Z", "2026-09-30T24:00:00Z", "2026-09-30T12:60:00Z",
            "2026-09-30T23:59:60Z", "2026-09-30T12:00:00+02:00", "2026-09-30 12:00:00Z", "2026-09-30T12:00:00",
            "x026-09-30T12:00:00Z", "2026-09-30T12:00:00.12a4Z", "+2026-09-30T12:00:00Z"};
        for (String s : edges) {
            assertEquals(generalTime(s), DecimalsAndTimes.time(s), s);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long seconds = r.nextLong(-62_000_000_000L, 253_000_000_000L);
            int nanos = r.nextInt(1_000_000_000);
            String s = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(generalTime(s), DecimalsAndTimes.time(s), s);
        }
        assertNull(DecimalsAndTimes.time("not a time"));
    }

    @Test
    void isoIsInstantToString() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long[] seconds = {0, -1, 1, 59, 60, 3599, 3600, 86_399, 86_400, first, first - 1, first + 1, last, last + 1,
            last - 1, Instant.parse("2024-02-29T23:59:59Z").getEpochSecond(), Instant.MIN.getEpochSecond(),
            Instant.MAX.getEpochSecond(), -62_200_000_000L, 300_000_000_000L};
        int[] nanos = {0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 120_000_000,
            123_400_000, 123_456_000, 123_456_789, 999_999_999, 5_000, 5_000_001};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertEquals(t.toString(), DecimalsAndTimes.iso(t), t::toString);
            }
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            int n = r.nextInt(1_000_000_000);
            n = switch (i % 4) { // each length of fraction as often: none, 3, 6 and 9 digits
                case 0 -> 0;
                case 1 -> n / 1_000_000 * 1_000_000;
                case 2 -> n / 1_000 * 1_000;
                default -> n;
            };
            Instant t = Instant.ofEpochSecond(r.nextLong(first - 86_400, last + 86_400), n);
            assertEquals(t.toString(), DecimalsAndTimes.iso(t), t::toString);
        }
    }

    @Test
    void plainLongIsLongParseLongOnDigitsAndDeclinesTheRest() {
        String[] taken = {"0", "7", "007", "1234567", "123456789012345678"};
        for (String s : taken) {
            assertEquals(Long.parseLong(s), DecimalsAndTimes.plainLong("x" + s + "y", 1, s.length() + 1), s);
        }
        String[] declined = {"", "-5", "+5", "1.5", "1e3", "1234567890123456789", " 1", "٣", "12a"};
        for (String s : declined) {
            assertEquals(-1, DecimalsAndTimes.plainLong(s, 0, s.length()), s); // Long.parseLong decides these, as before
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong(0, 999_999_999_999_999_999L);
            String s = Long.toString(v);
            assertEquals(v, DecimalsAndTimes.plainLong(s, 0, s.length()), s);
        }
    }

    @Test
    void approxIsTheDecimalsDoubleToFifteenDigitsAndShowsTheSameTenthOfABasisPoint() {
        SplittableRandom r = new SplittableRandom(22);
        java.math.MathContext m = java.math.MathContext.DECIMAL64;
        for (int i = 0; i < 20_000; i++) {
            BigDecimal price = BigDecimal.valueOf(1 + r.nextLong(10_000_000_000L), r.nextInt(2, 9));
            BigDecimal other = price.add(BigDecimal.valueOf(r.nextLong(-5_000, 5_000), price.scale()));
            if (other.signum() <= 0) {
                continue;
            }
            BigDecimal ratio = other.subtract(price).divide(price, m); // RestVerdicts' deviation, before * 10,000
            double exact = ratio.doubleValue();
            double approx = DecimalsAndTimes.approx(ratio);
            assertTrue(Math.abs(approx - exact) <= Math.abs(exact) * 1e-14, ratio + ": " + approx + " vs " + exact);
            assertEquals(Math.round(exact * 10_000 * 10) / 10.0, Math.round(approx * 10_000 * 10) / 10.0, 0.1 + 1e-9,
                    ratio.toPlainString());
        }
        assertEquals(5e-6, DecimalsAndTimes.approx(new BigDecimal("0.000005"))); // short ones as doubleValue has them
        assertEquals(0.1, DecimalsAndTimes.approx(new BigDecimal("0.1")));
    }
}
