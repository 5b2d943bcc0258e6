package dev.feedctl.check;

import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.protocol.TickerTrades;
import dev.feedctl.transport.RestClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks REST for every trade of the run, window after window: the ticker endpoint's {@code start}/{@code end} (whole
 * UNIX seconds) tile the socket's trades from its first to its last minus REST's lag, so the comparison does not
 * hope that "the latest 100" overlap. A window that comes back full is paged backwards; what cannot be covered is
 * said, never assumed. Runs on its own thread within the shared REST budget; the judging thread takes the answers.
 */
final class TradeAuditor extends RestRounds {

    /** Trades asked per request; an answer this long may have left older trades of its window out. */
    static final int LIMIT = 100;
    /** Mid-run windows are at least this long, so a quiet product costs few requests. */
    static final long MIN_WINDOW_SECONDS = 2;
    private static final int ATTEMPTS = 2;
    /**
     * With no window to ask for and no trade yet to say when one will be due, the next look is this much later.
     */
    private static final long IDLE_MILLIS = 500;
    /** The shortest and the longest wait for the next window once the socket has delivered trades. */
    private static final long MIN_WAIT_MILLIS = 50;
    private static final long MAX_WAIT_MILLIS = 2_000;

    /**
     * One trade as REST's ticker wrote it. Price and size are held as their text and {@link FlatValues#pack packed}
     * the way the decoder packs the socket's ({@link FlatValues#NO_LEVEL} when REST states none, or none above zero;
     * {@link FlatValues#UNFIT} when the text does not pack and only its decimal compares), so the common trade is
     * compared with the socket's kept one as two longs: no decimal made per REST trade, on either thread.
     */
    record RestTrade(String id, String priceText, String sizeText, long packedPrice, long packedSize, String side,
                     Instant time) {

        static RestTrade of(String id, String price, String size, String side, Instant time) {
            return new RestTrade(id, price, size, packed(price), packed(size), side, time);
        }

        /** The price as a decimal above zero; null when REST stated none (as {@link RestSampler#decimal} reads it). */
        BigDecimal price() {
            return RestSampler.decimal(priceText);
        }

        BigDecimal size() {
            return RestSampler.decimal(sizeText);
        }

        private static long packed(String text) {
            long p = DecimalsAndTimes.packed(text);
            if (p >= 0) {
                return FlatValues.packedUnscaled(p) == 0 ? FlatValues.NO_LEVEL : p; // zero is no price, as decimal()
            }
            boolean stated = p != FlatValues.NO_LEVEL && RestSampler.decimal(text) != null;
            return stated ? FlatValues.UNFIT : FlatValues.NO_LEVEL;
        }
    }

    /** REST's trades of one product in [coveredFrom, to): every trade REST had there, as far as it said. */
    record Answer(String product, Instant coveredFrom, Instant to, List<RestTrade> trades) {
    }

    private record Window(String product, long from, long to, int attempt) {
    }

    private final TradeTape tape;
    private final Deque<Window> pending = new ArrayDeque<>();
    private final Map<String, Long> cursor = new HashMap<>();
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicLong uncoveredWindows = new AtomicLong();

    TradeAuditor(RestClient rest, TradeTape tape, List<String> products, long endNanos) {
        super(rest, products, endNanos, new RestTally("audit"));
        this.tape = tape;
    }

    @Override
    void rounds() throws InterruptedException {
        while (running() && System.nanoTime() < endNanos) {
            long waitMillis = step(endNanos);
            if (waitMillis > 0) {
                sleepWithinRun(Duration.ofMillis(waitMillis).toNanos());
            }
        }
    }

    /**
     * After the run: asks for the windows still open, up to the socket's last trade minus REST's lag, before
     * {@code deadlineNanos}. Call once the REST thread has ended.
     */
    @Override
    synchronized void finish(long deadlineNanos) throws InterruptedException {
        plan(true);
        while (!pending.isEmpty() && System.nanoTime() < deadlineNanos) {
            if (!fetch(pending.poll(), deadlineNanos, false)) {
                break; // the budget has no slot left before the deadline
            }
        }
        uncoveredWindows.addAndGet(pending.size());
        pending.clear();
    }

    /** Asks for the next window; 0 when it did, else how long until one can be due (ms). */
    private synchronized long step(long deadlineNanos) throws InterruptedException {
        long waitMillis = plan(false);
        Window w = pending.poll();
        if (w == null) {
            return waitMillis;
        }
        fetch(w, deadlineNanos, true);
        return 0;
    }

    /**
     * Adds the windows that are due, and says how long until the next can be (ms): a product's socket trades must
     * reach a window's end plus REST's lag. Trades come as the exchange makes them, so that is about as long on this
     * machine's clock; {@link #IDLE_MILLIS} before the first trade. Looking every half second instead woke the thread
     * four times a window to find nothing (measured: its REST thread 8.9 ms a 10 s verify, 8.2 ms sleeping until due).
     */
    private long plan(boolean last) {
        long waitMillis = Long.MAX_VALUE;
        for (String p : products) {
            TradeTape.Span s = tape.span(p);
            if (s == null) {
                continue;
            }
            long target = s.last().minus(CheckSettings.REST_LAG).getEpochSecond();
            long from = cursor.getOrDefault(p, s.first().getEpochSecond());
            if (target - from >= (last ? 1 : MIN_WINDOW_SECONDS)) {
                pending.add(new Window(p, from, target, 0));
                cursor.put(p, target);
                from = target;
            }
            Instant due = Instant.ofEpochSecond(from + MIN_WINDOW_SECONDS).plus(CheckSettings.REST_LAG);
            waitMillis = Math.min(waitMillis, Duration.between(s.last(), due).toMillis());
        }
        return waitMillis == Long.MAX_VALUE ? IDLE_MILLIS
                : Math.max(MIN_WAIT_MILLIS, Math.min(MAX_WAIT_MILLIS, waitMillis));
    }

    /** Asks for one window; false when the budget had no slot before the deadline (the window stays pending). */
    private boolean fetch(Window w, long deadlineNanos, boolean mayRetry) throws InterruptedException {
        RestClient.Reply r;
        try {
            r = rest.getUnparsed("/market/products/" + w.product() + "/ticker?limit=" + LIMIT + "&start=" + w.from()
                    + "&end=" + w.to(), false, deadlineNanos);
        } catch (InterruptedException e) {
            pending.addFirst(w); // stopped mid-request: the final round asks for it
            throw e;
        }
        if (notAsked(r)) {
            pending.addFirst(w); // asked in the final round, or said uncovered
            if (mayRetry) { // the budget's next slot only moves later: none would come before the run's end either
                stop(); // mid-run rounds are over; the final round asks for what is left
            }
            return false;
        }
        tally.asked();
        List<RestTrade> trades = r.status() == 200 ? trades(r.body()) : null;
        if (trades == null) {
            tally.unusable(r.parsed(), "a ticker answer without a trades array");
            if (mayRetry && w.attempt() + 1 < ATTEMPTS) {
                pending.add(new Window(w.product(), w.from(), w.to(), w.attempt() + 1));
            } else {
                uncoveredWindows.incrementAndGet();
            }
            return true;
        }
        Instant coveredFrom = Instant.ofEpochSecond(w.from());
        if (trades.size() >= LIMIT) { // full: older trades of the window may be missing from this answer
            Instant oldest = trades.get(0).time();
            for (RestTrade t : trades) {
                oldest = t.time().isBefore(oldest) ? t.time() : oldest;
            }
            coveredFrom = oldest;
            long pageTo = oldest.getEpochSecond() + 1;
            if (pageTo < w.to()) {
                pending.addFirst(new Window(w.product(), w.from(), pageTo, 0));
            } else {
                uncoveredWindows.incrementAndGet(); // over LIMIT trades in one second: seconds cannot page further
            }
        }
        answers.add(new Answer(w.product(), coveredFrom, Instant.ofEpochSecond(w.to()), trades));
        return true;
    }

    /** True when the budget left no slot before the deadline: the request never went out. */
    static boolean notAsked(RestClient.Reply r) {
        return r.status() == 0 && r.error() != null && r.error().startsWith("request budget left no time");
    }

    /**
     * The trades of a ticker answer; entries without an id or a time are left out (nothing to match them on). Null
     * when the body is not a JSON object with a trades array.
     */
    private static List<RestTrade> trades(String body) {
        List<RestTrade> out = new ArrayList<>();
        boolean read = TickerTrades.read(body, (id, price, size, side, time) -> {
            Instant t = time(time);
            if (id != null && t != null) {
                out.add(RestTrade.of(id, price, size, side, t));
            }
        });
        return read ? out : null;
    }

    /** The feed's own time form read in place (Instant.parse costs more than the rest of a trade's reading). */
    private static Instant time(String text) {
        return text == null ? null : DecimalsAndTimes.time(text);
    }

    /** The end of what was asked for a product (the judged span ends there); null before its first window. */
    synchronized Instant askedThrough(String product) {
        Long c = cursor.get(product);
        return c == null ? null : Instant.ofEpochSecond(c);
    }

    long uncoveredWindows() {
        return uncoveredWindows.get();
    }

}
