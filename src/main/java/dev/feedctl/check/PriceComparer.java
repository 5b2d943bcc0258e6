package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rest-price} comparison while verify runs, on the judging thread: the socket's ticker prices go into a
 * history, and each REST sample is compared with the socket's price of the same moment once the sampler hands it
 * over. Its result is {@link Evidence.Prices}.
 */
final class PriceComparer {

    private final PriceHistory history = new PriceHistory();
    private final Map<String, BigDecimal> worstBps = new LinkedHashMap<>();
    private final Map<String, Integer> compared = new LinkedHashMap<>();
    private int unaligned;
    private int unreached;
    /** Exchange time (on this machine's clock) of the last price judged: REST samples are compared up to it. */
    private Instant pricedThrough;

    /** A valid data frame the exchange made at {@code aligned} (on this machine's clock): its tickers' prices. */
    void fold(Frame.Data d, Instant aligned, List<String> canonical) {
        judgedThrough(aligned);
        for (Event e : d.events()) {
            if (e instanceof Event.Tickers t) {
                for (Event.Ticker tk : t.tickers()) {
                    if (tk.price() != null && canonical.contains(tk.productId())) {
                        price(tk.productId(), aligned, tk.price());
                    }
                }
            }
        }
    }

    /** The socket's prices are judged through {@code at}. */
    void judgedThrough(Instant at) {
        pricedThrough = at;
    }

    /** One socket price of {@code product} at {@code at}. */
    void price(String product, Instant at, BigDecimal price) {
        history.add(product, at, price);
    }

    /**
     * Compares the samples {@code sampler} hands over: those whose window the socket's prices are judged past (every
     * one, at the end of the run). With {@code backedUpAtEnd}, one asked for after the last judged price is only
     * counted as not reached.
     */
    void compare(RestSampler sampler, boolean atTheEnd, boolean backedUpAtEnd, Clock clock) {
        Instant now = pricedThrough != null ? pricedThrough : clock.instant();
        for (RestSampler.Sample sample : sampler.closedBy(atTheEnd ? null : now)) {
            if (backedUpAtEnd && pricedThrough != null && sample.requestedAt().isAfter(pricedThrough)) {
                // the run ended with frames held back before feedctl, its prices short of the moment REST was even
                // asked: only older socket prices are in the window, and one of them against a newer REST price
                // would be a deviation of feedctl's making (a quiet feed with nothing held back is compared: its
                // last price is still its price)
                unreached++;
                continue;
            }
            BigDecimal bps = history.closestBps(sample.product(), sample.price(),
                    sample.requestedAt().minus(CheckSettings.REST_LAG), sample.windowEnd());
            if (bps == null) {
                unaligned++;
            } else {
                compared.merge(sample.product(), 1, Integer::sum);
                worstBps.merge(sample.product(), bps, BigDecimal::max);
            }
        }
    }

    Evidence.Prices result() {
        return new Evidence.Prices(compared, worstBps, unaligned, unreached);
    }
}
