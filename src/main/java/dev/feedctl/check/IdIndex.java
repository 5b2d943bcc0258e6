package dev.feedctl.check;

import java.util.Arrays;

/**
 * Trade id to ring slot, for ids that are plain non-negative numbers: open addressing over two primitive arrays, so
 * a window of tens of thousands of ids costs the young collector nothing to trace (a HashMap's entries and boxed keys
 * outlived young collections and made them slow). Removal shifts the probe run back instead of leaving tombstones.
 */
final class IdIndex {

    private static final long EMPTY = -1;
    private long[] keys;
    private int[] slots;
    private int size;

    IdIndex() {
        allocate(2048);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        slots = new int[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (keys.length - 1);
    }

    /** The slot of {@code key}, or -1. */
    int get(long key) {
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
        if ((size + 1) * 2 > keys.length) {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            allocate(keys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    put(oldKeys[i], oldSlots[i]);
                }
            }
        }
        int i = home(key);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        size += keys[i] == EMPTY ? 1 : 0;
        keys[i] = key;
        slots[i] = slot;
    }

    void remove(long key) {
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

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }
}
