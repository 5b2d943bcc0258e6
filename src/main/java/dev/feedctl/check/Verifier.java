package dev.feedctl.check;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEvent;
import dev.feedctl.transport.FeedLoop;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import dev.feedctl.protocol.UrlLint;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code feedctl verify}: gathers evidence for the run's duration (socket frames, and REST prices fetched while the
 * socket runs) and judges it. Passes only on what it observed.
 */
public final class Verifier {

    private static final Duration TICK = Duration.ofMillis(50);

    private final CheckSettings s;
    private final Clock clock;
    private volatile boolean interrupted;

    private int bookDepth = BookAudit.DEFAULT_DEPTH;

    public Verifier(CheckSettings settings, Clock clock) {
        this.s = settings;
        this.clock = clock;
    }

    private boolean exactChecks = true;

    /** How many levels a side the book check compares ({@code --book-depth}). */
    public Verifier withBookDepth(int depth) {
        this.bookDepth = depth;
        return this;
    }

    /** Whether the trades and book checks run (scripts/bench turns them off to measure their cost). */
    public Verifier withExactChecks(boolean on) {
        this.exactChecks = on;
        return this;
    }

    /** What a run observed; {@link VerifyChecks} turns it into checks. */
    static final class Observed {
        final List<UrlLint.Finding> lint = new ArrayList<>();
        ConnectFailure connectFailure;
        Connection connection;
        FeedSession session;
        CloseInfo close;
        Frame.Error serverError;
        ServerErrors.Explanation errorExplanation;
        Frame.Foreign foreign;
        RestClient rest;
        RestSampler sampler;
        final PriceHistory history = new PriceHistory();
        final Map<String, BigDecimal> worstBps = new LinkedHashMap<>();
        final Map<String, Integer> compared = new LinkedHashMap<>();
        int unaligned;
        /** REST samples left at the end that were asked for after the socket's last judged price: never compared. */
        int unreached;
        /** At the deadline the reader was waiting for room: frames sent before it were still held back. */
        boolean backedUpAtEnd;
        Instant subscribedAt;
        Instant endedAt;
        boolean ackTimedOut;
        /** Exchange time (on this machine's clock) of the last price judged: REST samples are compared up to it. */
        Instant pricedThrough;
        /** Longest wait of a received frame before it was judged: feedctl's own backlog. */
        Duration longestBacklog = Duration.ZERO;
        /** Frames still handed over at the deadline, judged after it. */
        long judgedAfterDeadline;
        /** The recording judged by {@code verify --replay}; null for a live run. */
        String replay;
        /** A replayed recording held no subscriptions acknowledgement at all (raw frames). */
        boolean acksAbsent;

        /** What every connection observed, for the checks that judge the whole run: the one session's when live. */
        FrameLedger ledger() {
            return whole != null ? whole : session.ledger();
        }

        /** A replay's every frame from every connection; null for a live run (one connection). */
        FrameLedger whole;
        /** A replay's connections in the order they began; null for a live run. */
        List<Leg> legs;
        /** False for a recording of bare frames: it says nothing of the connection they came on. */
        boolean showsConnections = true;

        /** Every connection of the run: a replay's recorded ones, or the live one (none when it never opened). */
        List<Leg> legs() {
            if (legs != null) {
                return legs;
            }
            return session == null ? List.of() : List.of(Leg.live(session, subscribedAt, close, endedAt));
        }
        /** The socket's trades and books against REST's, when market_trades / level2 are subscribed; else null. */
        TradeAudit trades;
        BookAudit book;
    }

    /** Ends the evidence gathering early (Ctrl-C); the run still judges and reports what it saw. */
    public void interrupt() {
        interrupt(ExitCode.INTERRUPTED.code());
    }

    /** Ends gathering early; the verdict then carries {@code exitCode} (130 for Ctrl-C, 143 for SIGTERM). */
    public void interrupt(int exitCode) {
        interruptCode = exitCode;
        interrupted = true;
    }

    private volatile int interruptCode = 130;

    public Verdict run() throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        long end = t0 + s.duration().toNanos();
        Observed o = new Observed();
        o.rest = new RestClient(s.rest(), s.connect().caFile(), s.key() == null ? null : new JwtSigner(s.key(), clock), s.restBudget(),
                s.connect().timeout());
        List<String> canonical = s.products().stream().map(ProductIds::canonical).distinct().toList();
        o.sampler = new RestSampler(o.rest, canonical, end, clock);
        Thread restThread = new Thread(o.sampler, "feedctl-rest-sampler");
        restThread.setDaemon(true);
        restThread.start();
        if (exactChecks) {
            RestAudits.start(o, s, canonical, bookDepth, end);
        }
        try {
            o.lint.addAll(UrlLint.check(s.connect().uri(), s.connect().allowPlaintext()));
            if (o.lint.stream().noneMatch(f -> f.level() != UrlLint.Level.WARN)) {
                gather(o, end, canonical);
            }
        } finally {
            if (o.endedAt == null) {
                o.endedAt = o.session != null ? o.session.feedNow() : clock.instant();
            }
            o.sampler.stop();
            restThread.join(Math.max(100, (end - System.nanoTime()) / 1_000_000 + 100));
            drainRest(o, true, clock);
            if (o.session != null) {
                o.session.close();
            }
            RestAudits.finish(o, end, s.connect().timeout());
        }
        List<CheckResult> checks = new VerifyChecks(s, o).all();
        Map<String, Object> facts = Facts.of(s, o);
        facts.put("interrupted", interrupted);
        if (interrupted) {
            facts.put("interrupt_exit_code", interruptCode);
        }
        return new Verdict("verify", started, Duration.ofNanos(System.nanoTime() - t0), checks, facts);
    }

    private void gather(Observed o, long end, List<String> canonical) throws InterruptedException {
        try {
            o.connection = new Connector(clock).open(s.connect());
        } catch (ConnectFailure e) {
            o.connectFailure = e;
            return;
        }
        CdpKey key = s.key();
        o.session = new FeedSession(o.connection, key == null ? null : new JwtSigner(key, clock), clock);
        o.session.subscribe(s.channels().stream().map(c -> new FeedSession.Subscription(c, s.products())).toList());
        o.subscribedAt = o.session.feedNow();
        FeedLoop loop = new FeedLoop(o.session, FeedLoop.Watch.ackOnly(s.connect().timeout()));
        while (System.nanoTime() < end && !interrupted) {
            FeedEvent ev = loop.nextBefore(TICK, end);
            FeedSession.Received r = ev == null ? null : ev.frame();
            if (r != null) {
                judged(o, r);
            }
            drainRest(o, false, clock);
            RestAudits.drain(o);
            if (ev instanceof FeedEvent.Closed c) {
                o.close = c.close();
                return;
            }
            if (ev instanceof FeedEvent.Stalled) { // the only stall watched here: the acknowledgement's deadline
                o.ackTimedOut = true;
                return;
            }
            if (r != null && fold(s, o, r, canonical)) {
                return;
            }
        }
        o.backedUpAtEnd = o.connection.readerWaiting();
        judgeBacklog(o, loop, end, canonical);
    }

    /**
     * Every frame received before the deadline is judged, even when feedctl fell behind: a frame left unjudged
     * would be evidence thrown away. The run's end on the feed clock is the deadline's.
     */
    private void judgeBacklog(Observed o, FeedLoop loop, long end, List<String> canonical)
            throws InterruptedException {
        o.endedAt = o.session.feedNow();
        FeedEvent ev;
        while ((ev = loop.next(Duration.ZERO)) != null) {
            if (ev instanceof FeedEvent.Closed c) {
                o.close = c.close();
                return;
            }
            FeedSession.Received r = ev.frame();
            if (r == null) {
                continue;
            }
            if (r.raw().receivedNanos() > end) {
                return; // arrived after the deadline: not part of this run
            }
            o.judgedAfterDeadline++;
            judged(o, r);
            if (fold(s, o, r, canonical)) {
                return;
            }
        }
    }

    private static void judged(Observed o, FeedSession.Received r) {
        Duration waited = Duration.ofNanos(System.nanoTime() - r.raw().receivedNanos());
        if (waited.compareTo(o.longestBacklog) > 0) {
            o.longestBacklog = waited;
        }
    }

    /** Server errors and foreign formats end a run; valid prices go into the history REST is compared with. */
    static boolean fold(CheckSettings s, Observed o, FeedSession.Received r, List<String> canonical) {
        Frame f = r.decoded().frame();
        if (f instanceof Frame.Error e) {
            o.serverError = e;
            o.errorExplanation = CdpKey.explain(e, o.session.channels(), s.key());
            return true;
        }
        if (f instanceof Frame.Foreign foreign) {
            o.foreign = foreign;
            return true;
        }
        if (f instanceof Frame.Data d) {
            RestAudits.fold(o, d, r.decoded().valid());
        }
        if (f instanceof Frame.Data d && r.decoded().valid()) {
            // when the exchange made the price, on this machine's clock (skew and the fastest path added): a backlog
            // in feedctl or on the way must not make an old price look like a current one
            Instant aligned = d.timestamp() == null ? r.raw().receivedAt()
                    : d.timestamp().plus(o.session.ledger().lag().least());
            o.pricedThrough = aligned;
            for (Event e : d.events()) {
                if (e instanceof Event.Tickers t) {
                    for (Event.Ticker tk : t.tickers()) {
                        if (tk.price() != null && canonical.contains(tk.productId())) {
                            o.history.add(tk.productId(), aligned, tk.price());
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Compares REST samples whose alignment window has closed (or all of them at the end). */
    static void drainRest(Observed o, boolean all, Clock clock) {
        // compare only once the socket's prices are judged past the sample's window: a backlog (feedctl's or
        // upstream) must not make an old price stand for the current one
        Instant now = o.pricedThrough != null ? o.pricedThrough : clock.instant();
        List<RestSampler.Sample> later = new ArrayList<>();
        RestSampler.Sample sample;
        while ((sample = o.sampler.samples.poll()) != null) {
            if (!all && sample.fetchedAt().plusMillis(500).isAfter(now)) {
                later.add(sample);
                continue;
            }
            if (o.backedUpAtEnd && o.pricedThrough != null && sample.requestedAt().isAfter(o.pricedThrough)) {
                // the run ended with frames held back before feedctl, its prices short of the moment REST was even
                // asked: only older socket prices are in the window, and one of them against a newer REST price
                // would be a deviation of feedctl's making (a quiet feed with nothing held back is compared: its
                // last price is still its price)
                o.unreached++;
                continue;
            }
            BigDecimal bps = o.history.closestBps(sample.product(), sample.price(),
                    sample.requestedAt().minus(CheckSettings.REST_LAG), sample.fetchedAt().plusMillis(500));
            if (bps == null) {
                o.unaligned++;
            } else {
                o.compared.merge(sample.product(), 1, Integer::sum);
                o.worstBps.merge(sample.product(), bps, (a, b) -> a.max(b));
            }
        }
        o.sampler.samples.addAll(later);
    }

    static boolean isPriced(List<String> channels) {
        return channels.contains("ticker") || channels.contains("ticker_batch");
    }
}
