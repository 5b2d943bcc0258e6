package dev.feedctl.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The pricebook of a REST product_book answer ({@code GET /market/product_book}, docs/protocol.md §6), read with the
 * socket's own {@link JsonIndex}, as {@link TickerTrades} reads ticker answers: the book check asks for one every 3 s
 * of a run, and Gson's reader and tree ran interpreted and, in a run without a priced channel, were compiled mid-run
 * for it alone (verify runs on C1), where the index's code is compiled early by the frames it reads. The same strict
 * grammar as {@link Json#parse}, and each member read as Gson's {@code getAsString} reads a primitive.
 */
public final class ProductBook {

    private ProductBook() {
    }

    /** One level as REST wrote it; a figure is null when absent or not a JSON primitive. */
    public record Level(String price, String size) {
    }

    /**
     * The pricebook's members: {@code time} null when absent or not a primitive; a side null when absent, not an
     * array, or holding anything but objects.
     */
    public record Answer(String time, List<Level> bids, List<Level> asks) {
    }

    /** Null when the body is not a JSON object whose {@code pricebook} is an object. */
    public static Answer read(String body) {
        JsonIndex t = JsonIndex.ofObject(body);
        int book = t == null ? -1 : t.get(0, "pricebook");
        if (book < 0 || t.kind(book) != JsonIndex.OBJECT) {
            return null;
        }
        return new Answer(t.memberText(book, "time"), levels(t, book, "bids"), levels(t, book, "asks"));
    }

    private static List<Level> levels(JsonIndex t, int book, String side) {
        int a = t.get(book, side);
        if (a < 0 || t.kind(a) != JsonIndex.ARRAY) {
            return null;
        }
        List<Level> out = new ArrayList<>();
        for (int n = a + 1; n < t.after(a); n = t.after(n)) {
            if (t.kind(n) != JsonIndex.OBJECT) {
                return null;
            }
            out.add(new Level(t.memberText(n, "price"), t.memberText(n, "size")));
        }
        return out;
    }
}
