package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The id index against a HashMap, used as the trade window uses it (newest ids in, oldest out): dense ids that stay
 * at their own positions, gaps, strides that collide there until the table widens or hashes, and ids out of order.
 */
class IdIndexTest {

    @Property(tries = 300, seed = "20261206")
    void findsWhatAHashMapFinds(@ForAll @IntRange(min = 1, max = 5_000) int window,
                                @ForAll @IntRange(min = 1, max = 70_000) int stride,
                                @ForAll @LongRange(min = 0, max = 1L << 50) long first,
                                @ForAll @IntRange(min = 0, max = 4) int shuffle) {
        IdIndex index = new IdIndex();
        Map<Long, Integer> ref = new HashMap<>();
        ArrayDeque<Long> order = new ArrayDeque<>();
        long id = first;
        for (int n = 0; n < 3 * window + 500; n++) {
            long key = n % 7 < shuffle ? id + stride : id; // some arrive ahead of their neighbours
            id += stride;
            if (!ref.containsKey(key)) {
                index.put(key, n);
                ref.put(key, n);
                order.addLast(key);
            }
            if (order.size() > window) {
                long old = order.removeFirst();
                index.remove(old);
                ref.remove(old);
            }
            for (long probe : new long[] {key, key + 1, key - stride, first, order.peekFirst()}) {
                if (probe < 0) {
                    continue; // ids are plain non-negative numbers
                }
                assertEquals(ref.getOrDefault(probe, -1), index.get(probe), "id " + probe);
            }
        }
        for (long k : order) {
            assertEquals(ref.get(k), index.get(k));
        }
    }
}
