package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.feedctl.protocol.DecimalsAndTimes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The book's packed decimals and its primitive sides against the decimals and TreeMaps they replaced: the same
 * numbers with the same scales, the same rejections, the same levels, best prices and crossings.
 */
class BookSideTest {

    /** Decimal text as feeds and REST may write it, and as they should not. */
    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> plain = Combinators.combine(digits, digits.injectNull(0.4), Arbitraries.of("", "-", "+"))
                .as((a, b, sign) -> sign + a + (b == null ? "" : "." + b));
        Arbitrary<String> exponent = Combinators.combine(plain, Arbitraries.integers().between(-140, 140),
                Arbitraries.of("E", "e")).as((p, e, x) -> p + x + e);
        Arbitrary<String> garbage = Arbitraries.strings().withChars("0123456789.-+eE x").ofMaxLength(12);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(2, exponent),
                net.jqwik.api.Tuple.of(1, garbage), net.jqwik.api.Tuple.of(1, Arbitraries.of("0", "0.00000001",
                        "0.0", "00.10", "1E+3", "1e-8", "9999999999999999", "99999999999999999", ".5", "5.", "-0")));
    }

    @Property(tries = 3000, seed = "20261206")
    void packsExactlyWhatFitsAndRejectsTheRest(@ForAll("decimals") String text) {
        BigDecimal d = DecimalsAndTimes.decimal(text); // null for garbage: no number, nothing to pack
        long packed = FlatValues.pack(d);
        if (d == null) {
            assertEquals(FlatValues.NO_LEVEL, packed, text);
            return;
        }
        boolean fits = d.signum() >= 0 && d.scale() >= 0 && d.scale() <= 127 && d.precision() <= 16;
        assertEquals(fits, packed >= 0, text);
        if (fits) {
            BigDecimal back = FlatValues.unpack(packed);
            assertEquals(d, back, text); // equals: the same number with the same scale
            assertEquals(d.toPlainString(), back.toPlainString(), text);
        } else {
            assertEquals(FlatValues.UNFIT, packed, text);
        }
    }

    record Op(boolean bid, String price, String size) {
    }

    @Provide
    Arbitrary<List<Op>> changes() {
        // few prices, so levels are set, changed and removed again; their scales vary ("1.5", "1.50"), and now and
        // then a figure that does not pack moves a side into its TreeMap
        Arbitrary<String> price = Combinators.combine(Arbitraries.integers().between(90, 110),
                Arbitraries.of("", ".5", ".50", ".25", ".125", ".0")).as((i, f) -> i + f);
        Arbitrary<String> odd = Arbitraries.of("-3", "1E+2", "123456789012345678.5", "100.0000000000000000001");
        Arbitrary<String> size = Arbitraries.of("0", "0.0", "1", "1.50", "2.5", "0.00000001", "12345678.12345678",
                "99999999999999999.5");
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, price), net.jqwik.api.Tuple.of(1, odd)), size)
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 400, seed = "20261206")
    void aSideIsTheTreeMapItReplaced(@ForAll("changes") List<Op> ops) {
        BookSide bids = new BookSide(true);
        BookSide asks = new BookSide(false);
        TreeMap<BigDecimal, BigDecimal> refBids = new TreeMap<>();
        TreeMap<BigDecimal, BigDecimal> refAsks = new TreeMap<>();
        for (Op op : ops) {
            BigDecimal price = new BigDecimal(op.price());
            BigDecimal size = new BigDecimal(op.size());
            BookSide side = op.bid() ? bids : asks;
            TreeMap<BigDecimal, BigDecimal> ref = op.bid() ? refBids : refAsks;
            BigDecimal expected = size.signum() == 0 ? ref.remove(price) : ref.put(price, size);
            BigDecimal before = side.before(side.set(price, FlatValues.pack(price), size, FlatValues.pack(size)));
            assertEquals(expected, before, op.toString());
            same(side, ref, op.bid(), price);
            if (!bids.isEmpty() && !asks.isEmpty()) {
                assertEquals(refBids.lastKey().compareTo(refAsks.firstKey()) >= 0, bids.crosses(asks), ops.toString());
            }
        }
    }

    private static void same(BookSide side, TreeMap<BigDecimal, BigDecimal> ref, boolean bid, BigDecimal price) {
        assertEquals(ref.isEmpty(), side.isEmpty());
        if (!ref.isEmpty()) {
            assertEquals(bid ? ref.lastKey() : ref.firstKey(), side.best()); // the scale it was written with too
        }
        List<SocketBook.Level> expected = new ArrayList<>();
        NavigableMap<BigDecimal, BigDecimal> order = bid ? ref.descendingMap() : ref;
        for (Map.Entry<BigDecimal, BigDecimal> e : order.entrySet()) {
            if (expected.size() < 7) {
                expected.add(new SocketBook.Level(e.getKey(), e.getValue()));
            }
        }
        assertEquals(expected, side.best(7));
        for (BigDecimal p : List.of(price, price.add(BigDecimal.ONE), price.setScale(price.scale() + 2),
                new BigDecimal("100"), new BigDecimal("1E+2"), new BigDecimal("100.5000"))) {
            assertEquals(ref.get(p), side.get(p), p.toString());
        }
    }
}
