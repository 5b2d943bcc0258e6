package dev.feedctl.check;

import java.util.HashMap;
import java.util.Map;

/**
 * The latest {@code capacity} distinct trade ids, oldest let go first: REST's ids already judged, so a paged
 * window's overlap is not judged twice. Plain-number ids (every exchange id we know) live in a long ring with an
 * {@link IdIndex}, some 30 bytes an id and nothing for the collector to trace; a LinkedHashSet of strings held 110
 * and made objects for every REST trade on the judging thread. Other ids are kept as strings beside them.
 */
final class IdWindow {

    private final int capacity;
    private long[] ids = new long[1024];
    /** Per slot, the id when it is not a plain number; null otherwise. */
    private String[] odd = new String[1024];
    private final IdIndex index = new IdIndex();
    private final Map<String, Integer> oddIndex = new HashMap<>();
    private int head;
    private int count;

    IdWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Adds {@code id}; false when it is already in the window. */
    boolean add(String id) {
        long number = FlatValues.plainNumber(id);
        if (number >= 0 ? index.get(number) >= 0 : oddIndex.containsKey(id)) {
            return false;
        }
        if (count == capacity) {
            removeOldest();
        } else if (count == ids.length) {
            grow();
        }
        int slot = (head + count) % ids.length;
        count++;
        if (number >= 0) {
            ids[slot] = number;
            odd[slot] = null;
            index.put(number, slot);
        } else {
            odd[slot] = id;
            oddIndex.put(id, slot);
        }
        return true;
    }

    private void removeOldest() {
        if (odd[head] != null) {
            oddIndex.remove(odd[head]);
            odd[head] = null;
        } else {
            index.remove(ids[head]);
        }
        head = (head + 1) % ids.length;
        count--;
    }

    /** Twice the room (up to the capacity), the ids unrolled to start at 0 and indexed again. */
    private void grow() {
        int n = (int) Math.min(2L * ids.length, capacity);
        long[] i2 = new long[n];
        String[] o2 = new String[n];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % ids.length;
            i2[i] = ids[from];
            o2[i] = odd[from];
        }
        ids = i2;
        odd = o2;
        head = 0;
        index.clear();
        oddIndex.clear();
        for (int i = 0; i < count; i++) {
            if (odd[i] != null) {
                oddIndex.put(odd[i], i);
            } else {
                index.put(ids[i], i);
            }
        }
    }

    int size() {
        return count;
    }
}
