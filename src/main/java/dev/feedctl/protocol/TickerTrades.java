package dev.feedctl.protocol;

/**
 * The trades of a REST ticker answer ({@code GET /market/products/{id}/ticker}, docs/protocol.md §6), read with the
 * socket's own {@link JsonIndex}: the trades check asks for a hundred trades at a time, several times a second, and
 * Gson's tree of them (objects, maps, primitives per field) ran mostly interpreted in a verify on C1 alone, where the
 * index's code is compiled early by the frames it reads. The same strict grammar as {@link Json#parse}.
 */
public final class TickerTrades {

    private TickerTrades() {
    }

    /** One entry of the trades array, its fields as text (null when absent or not a JSON primitive). */
    @FunctionalInterface
    public interface Row {
        void trade(String tradeId, String price, String size, String side, String time);
    }

    /**
     * Hands each object of the answer's {@code trades} array to {@code row}, in order (entries that are not objects
     * are skipped). False, handing none, when the body is not a JSON object with a {@code trades} array.
     */
    public static boolean read(String body, Row row) {
        JsonIndex t = JsonIndex.ofObject(body);
        int trades = trades(t);
        if (trades < 0) {
            return false;
        }
        for (int n = trades + 1; n < t.after(trades); n = t.after(n)) {
            if (t.kind(n) == JsonIndex.OBJECT) {
                row.trade(t.memberText(n, "trade_id"), t.memberText(n, "price"), t.memberText(n, "size"),
                        t.memberText(n, "side"), t.memberText(n, "time"));
            }
        }
        return true;
    }

    /** The node of a ticker answer's {@code trades} array; -1 when {@code t} is null or has no such array. */
    static int trades(JsonIndex t) {
        int trades = t == null ? -1 : t.get(0, "trades");
        return trades >= 0 && t.kind(trades) == JsonIndex.ARRAY ? trades : -1;
    }
}
