package dev.feedctl.report;

import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The orders of {@code tail}'s table; {@code s} cycles through them. A view's choice: the board keeps no order. */
public enum TailSort {
    PRODUCT(Comparator.comparing(PriceBoard.Row::product)),
    AGE(Comparator.comparing(PriceBoard.Row::age).reversed().thenComparing(PriceBoard.Row::product)),
    RATE(Comparator.comparingLong(PriceBoard.Row::perSecond).reversed().thenComparing(PriceBoard.Row::product)),
    CHANGE(Comparator.comparing((PriceBoard.Row r) -> r.change24h() == null ? BigDecimal.ZERO : r.change24h().abs())
            .reversed().thenComparing(PriceBoard.Row::product));

    private final Comparator<PriceBoard.Row> order;

    TailSort(Comparator<PriceBoard.Row> order) {
        this.order = order;
    }

    public TailSort next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The rows in this order (a copy). */
    public List<PriceBoard.Row> sorted(List<PriceBoard.Row> rows) {
        List<PriceBoard.Row> out = new ArrayList<>(rows);
        out.sort(order);
        return out;
    }
}
