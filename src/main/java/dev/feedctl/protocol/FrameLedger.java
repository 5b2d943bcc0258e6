package dev.feedctl.protocol;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything observed on one connection, folded frame by frame: counts, sequence and heartbeat continuity,
 * per-product freshness and last prices, violations by rule. Memory is bounded: counts are exact, only the
 * first {@value #KEPT} examples are kept.
 */
public final class FrameLedger {

    static final int KEPT = 50;
    /** Distinct channel names counted one by one; a server inventing more is counted under "(other)". */
    static final int CHANNELS_KEPT = 64;

    /** A violation with the sequence number of the frame it was found in (-1 when unreadable). */
    public record Seen(Violation violation, long sequence) {
    }

    private final SequenceTracker sequence = new SequenceTracker();
    private final HeartbeatTracker heartbeats = new HeartbeatTracker();
    private final ProductAges ages;
    private final ExchangeLag lag = new ExchangeLag();
    private final Map<String, Long> framesByChannel = new TreeMap<>();
    private final Map<String, Long> violationsByRule = new TreeMap<>();
    private final Map<String, Long> driftByRule = new TreeMap<>();
    private final List<Seen> examples = new ArrayList<>();
    private final Set<FeedFamily> foreignFamilies = new LinkedHashSet<>();
    private long frames;
    private long invalidFrames;
    private long dataFrames;
    private long validDataFrames;

    public FrameLedger(Clock clock) {
        this.ages = new ProductAges(clock);
    }

    /**
     * Folds one decoded frame in.
     *
     * @param feedTime   when the read thread got it, on the feed clock (feedctl's own stalls left out), which every
     *                   interval and age is measured on
     * @param receivedAt when the read thread got it, on this machine's clock, to measure the lag behind the
     *                   exchange's timestamp
     */
    public void record(Decoded d, Instant feedTime, Instant receivedAt) {
        Instant at = feedTime;
        frames++;
        long seq = -1;
        if (d.frame() instanceof Frame.Data data) {
            if (data.sequenceNum() != null) {
                seq = data.sequenceNum();
                sequence.observe(seq);
            }
            String channel = String.valueOf(data.channel());
            framesByChannel.merge(framesByChannel.size() < CHANNELS_KEPT || framesByChannel.containsKey(channel)
                    ? channel : "(other)", 1L, Long::sum);
            if (data.timestamp() != null && !Channels.SUBSCRIPTIONS.equals(data.channel())) {
                lag.observe(data.timestamp(), receivedAt);
            }
            foldData(data, d.valid(), at);
        } else if (d.frame() instanceof Frame.Foreign f) {
            foreignFamilies.add(f.family());
            dataFrames++;
        }
        if (!d.valid()) {
            invalidFrames++;
        }
        for (Violation v : d.violations()) {
            (v.isError() ? violationsByRule : driftByRule).merge(v.rule(), 1L, Long::sum);
            if (v.isError() && examples.size() < KEPT) {
                examples.add(new Seen(v, seq));
            }
        }
    }

    private void foldData(Frame.Data data, boolean valid, Instant at) {
        String channel = data.channel();
        if (Channels.HEARTBEATS.equals(channel)) {
            for (Event e : data.events()) {
                if (e instanceof Event.Heartbeat h && h.counter() >= 0) {
                    heartbeats.observe(h.counter(), at);
                }
            }
            return;
        }
        if (Channels.SUBSCRIPTIONS.equals(channel)) {
            return;
        }
        dataFrames++;
        if (valid) {
            validDataFrames++;
        }
        boolean scoped = channel != null && PRODUCT_SCOPED.contains(channel);
        for (String product : productsOf(data)) {
            if (scoped && !ages.isExpected(product) && !ages.isExpected(ProductIds.canonical(product))
                    && ages.expecting()) {
                // the server invents products, or mixes in another client's: named, and never given state
                violationsByRule.merge(UNSUBSCRIBED, 1L, Long::sum);
                lastUnsubscribed = Violation.error(UNSUBSCRIBED, "$.events[*].product_id", "data for " + product
                        + " on " + channel + ", which was not subscribed");
                if (examples.size() < KEPT) {
                    examples.add(new Seen(lastUnsubscribed, data.sequenceNum() == null ? -1 : data.sequenceNum()));
                }
                continue;
            }
            if (valid) {
                ages.updated(ages.isExpected(product) ? product : ProductIds.canonical(product), at,
                        data.timestamp());
            }
        }
    }

    /** A data frame names a product nobody subscribed to on this connection. */
    public static final String UNSUBSCRIBED = "frame.unsubscribed-product";

    private Violation lastUnsubscribed;

    /**
     * The unsubscribed-product violation of the frame recorded last, or null when it named only subscribed products;
     * a frame's own schema violations are in its {@link Decoded}, this one needs the subscription to see.
     */
    public Violation takeUnsubscribed() {
        Violation v = lastUnsubscribed;
        lastUnsubscribed = null;
        return v;
    }

    /** Channels whose data is for the subscribed products only ({@code status} and {@code user} are wider). */
    private static final Set<String> PRODUCT_SCOPED = Set.of("ticker", "ticker_batch", Channels.L2_DATA,
            "market_trades", "candles");


    /** The products a data frame updates. */
    public static Set<String> productsOf(Frame.Data data) {
        Set<String> out = new LinkedHashSet<>();
        for (Event e : data.events()) {
            if (e instanceof Event.Tickers t) {
                t.tickers().forEach(x -> add(out, x.productId()));
            } else if (e instanceof Event.L2 l) {
                add(out, l.productId());
            } else if (e instanceof Event.MarketTrades m) {
                // hundreds of trades a frame, a few frames a second: by index in this method (called per frame, so
                // compiled early), not through List.forEach, whose loop, entered that rarely, ran interpreted for
                // ~20 s (see Verifier.turn); a frame's trades are mostly one product's, so the set is asked only
                // when the product changes
                List<Event.Trade> trades = m.trades();
                String last = null;
                for (int i = 0; i < trades.size(); i++) {
                    String p = trades.get(i).productId();
                    if (!java.util.Objects.equals(p, last)) {
                        add(out, p);
                        last = p;
                    }
                }
            } else if (e instanceof Event.Candles c) {
                c.candles().forEach(x -> add(out, x.productId()));
            } else if (e instanceof Event.Status st) {
                st.products().forEach(x -> add(out, x.id()));
            }
        }
        return out;
    }

    private static void add(Set<String> out, String id) {
        if (id != null) {
            out.add(id);
        }
    }

    public SequenceTracker sequence() {
        return sequence;
    }

    public HeartbeatTracker heartbeats() {
        return heartbeats;
    }

    /** How far behind the exchange's timestamps frames arrived. */
    public ExchangeLag lag() {
        return lag;
    }

    public ProductAges ages() {
        return ages;
    }

    /**
     * What the ledger has counted so far, read together by checks and reports: read-only copies, the maps sorted by
     * name as the ledger keeps them.
     *
     * @param dataFrames      frames other than heartbeats and subscriptions acks (foreign-format frames included)
     * @param foreignFamilies other Coinbase feeds (legacy Exchange, INTX, derivatives) whose frames arrived
     */
    public record Tally(long frames, long invalidFrames, long dataFrames, long validDataFrames,
                        Map<String, Long> framesByChannel, Map<String, Long> violationsByRule,
                        Map<String, Long> driftByRule, List<Seen> examples, Set<FeedFamily> foreignFamilies) {

        public long violations() {
            return violationsByRule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Tally tally() {
        return new Tally(frames, invalidFrames, dataFrames, validDataFrames, sorted(framesByChannel),
                sorted(violationsByRule), sorted(driftByRule), List.copyOf(examples),
                Collections.unmodifiableSet(new LinkedHashSet<>(foreignFamilies)));
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
