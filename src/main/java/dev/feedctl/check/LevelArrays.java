package dev.feedctl.check;

/**
 * A book side's levels in key order, best last, in three primitive arrays (key, the price's own scale, size
 * packed) that keep room at both ends: an insert or removal shifts whichever part is shorter, so changes near the best
 * level and a snapshot read best first both move little. {@link BookSide} says what the keys mean.
 */
final class LevelArrays {

    long[] keys = new long[64];
    byte[] scales = new byte[64];
    long[] sizes = new long[64];
    /** The levels are at [lo, hi). */
    int lo = 32;
    int hi = 32;

    /**
     * The first index in [lo, hi) whose key is not below {@code key}. Most changes are near the best level (the high
     * end), so the search gallops down from there before it halves: two or three looks instead of a full search.
     */
    int find(long key) {
        int a = lo;
        int b = hi;
        for (int step = 1; hi - step >= lo; step <<= 1) {
            int i = hi - step;
            if (keys[i] < key) {
                a = i + 1;
                break;
            }
            b = i;
        }
        while (a < b) {
            int m = (a + b) >>> 1;
            if (keys[m] < key) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    void insert(int at, long key, int priceScale, long size) {
        if (lo == 0 && hi == keys.length) {
            grow();
            at += lo; // the levels were at [0, length), now at [lo, hi)
        }
        boolean down = lo > 0 && (at - lo < hi - at || hi == keys.length);
        if (down) { // the levels below `at` move one down
            move(lo, lo - 1, at - lo);
            lo--;
            at--;
        } else {
            move(at, at + 1, hi - at);
            hi++;
        }
        keys[at] = key;
        scales[at] = (byte) priceScale;
        sizes[at] = size;
    }

    void remove(int at) {
        if (at - lo < hi - at) {
            move(lo, lo + 1, at - lo);
            lo++;
        } else {
            move(at + 1, at, hi - at - 1);
            hi--;
        }
    }

    private void move(int from, int to, int n) {
        if (n <= 4) { // most changes are at the best levels: a level or two to move, fewer than three calls cost
            if (to > from) {
                for (int i = n - 1; i >= 0; i--) {
                    keys[to + i] = keys[from + i];
                    scales[to + i] = scales[from + i];
                    sizes[to + i] = sizes[from + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    keys[to + i] = keys[from + i];
                    scales[to + i] = scales[from + i];
                    sizes[to + i] = sizes[from + i];
                }
            }
            return;
        }
        System.arraycopy(keys, from, keys, to, n);
        System.arraycopy(scales, from, scales, to, n);
        System.arraycopy(sizes, from, sizes, to, n);
    }

    /** Twice the room, the levels in the middle again. */
    private void grow() {
        int n = hi - lo;
        int cap = keys.length * 2;
        int start = (cap - n) / 2;
        long[] k = new long[cap];
        byte[] sc = new byte[cap];
        long[] sz = new long[cap];
        System.arraycopy(keys, lo, k, start, n);
        System.arraycopy(scales, lo, sc, start, n);
        System.arraycopy(sizes, lo, sz, start, n);
        keys = k;
        scales = sc;
        sizes = sz;
        lo = start;
        hi = start + n;
    }
}
