package dev.feedctl.check;

import java.util.Arrays;

/**
 * Trade id to ring slot, for ids that are plain non-negative numbers: two primitive arrays, so a window of tens of
 * thousands of ids costs the young collector nothing to trace (a HashMap's entries and boxed keys outlived young
 * collections and made them slow). An exchange numbers a product's trades one after another, so a window's ids are
 * dense: each sits at its own value modulo the capacity, one look to find, add or remove it, and neighbouring ids
 * in neighbouring memory (a hashed table missed the cache on each). When two live ids share a position the table
 * widens, and ids too sparse for that are hashed and probed instead; removal there shifts the probe run back.
 */
final class IdIndex {

    private static final long EMPTY = -1;
    private long[] keys;
    private int[] slots;
    private int size;
    /** Each key at its value modulo the capacity, no two live keys at one position; false: hashed and probed. */
    private boolean direct = true;

    IdIndex() {
        allocate(2048);
    }

    /** An index for keys that are not numbered one after another (packed prices, say): hashed from the start. */
    static IdIndex hashed() {
        IdIndex index = new IdIndex();
        index.direct = false;
        return index;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        slots = new int[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private int home(long key) {
        return direct ? (int) (key & (keys.length - 1)) : (int) ((key * 0x9E3779B97F4A7C15L) >>> 40)
                & (keys.length - 1);
    }

    /** The slot of {@code key}, or -1. */
    int get(long key) {
        if (direct) {
            int i = home(key);
            return keys[i] == key ? slots[i] : -1;
        }
        for (int i = home(key); ; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) {
                return slots[i];
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    void put(long key, int slot) {
        if (direct) {
            int i = home(key);
            long there = keys[i];
            if (there == key || there == EMPTY || home(there) != i) { // a key not at its home is a stale copy
                size += there == key ? 0 : 1;
                keys[i] = key;
                slots[i] = slot;
                return;
            }
            // another live id here: a wider table while the ids are dense enough for one, else hashing
            boolean wider = keys.length < 8L * (size + 1) && keys.length < 1 << 27;
            rebuild(wider ? keys.length * 2 : Math.max(2048, Integer.highestOneBit(size + 1) * 4), wider);
            put(key, slot);
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            rebuild(keys.length * 2, false);
        }
        int i = home(key);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        size += keys[i] == EMPTY ? 1 : 0;
        keys[i] = key;
        slots[i] = slot;
    }

    /**
     * Every key again, in a table of {@code capacity} in the given way (a key that collides there rebuilds again).
     * A direct table widens without a look at its keys: the new table is the old one twice over, so each key sits at
     * its new home (its value modulo the new capacity is one of its two positions) and a stale copy at the other.
     * A key not at its own home is taken for a free position by every operation. The widening was a loop over the
     * table that the JIT never compiled (it runs a few times a run): a third of the trades check's judging-thread CPU
     * in a 15 s verify (profiled).
     */
    private void rebuild(int capacity, boolean direct) {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        boolean wasDirect = this.direct;
        if (wasDirect && direct && capacity == 2 * oldKeys.length) {
            keys = Arrays.copyOf(oldKeys, capacity);
            System.arraycopy(oldKeys, 0, keys, oldKeys.length, oldKeys.length);
            slots = Arrays.copyOf(oldSlots, capacity);
            System.arraycopy(oldSlots, 0, slots, oldSlots.length, oldSlots.length);
            return; // the same keys, so the same size
        }
        allocate(capacity);
        this.direct = direct;
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != EMPTY && (!wasDirect || (int) (key & (oldKeys.length - 1)) == i)) { // stale copies stay behind
                put(key, oldSlots[i]);
            }
        }
    }

    void remove(long key) {
        if (direct) {
            int i = home(key);
            if (keys[i] == key) {
                keys[i] = EMPTY;
                size--;
            }
            return;
        }
        int mask = keys.length - 1;
        int i = home(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = EMPTY;
        size--;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(keys[j]);
            // keys[j] may move into the hole at i only when its home is not cyclically within (i, j]
            boolean stays = i <= j ? h > i && h <= j : h > i || h <= j;
            if (!stays) {
                keys[i] = keys[j];
                slots[i] = slots[j];
                keys[j] = EMPTY;
                i = j;
            }
        }
    }

    /** Empties the index; ids once found too sparse stay hashed. */
    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }
}
