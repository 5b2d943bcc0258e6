package dev.feedctl.check;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEvent;
import dev.feedctl.transport.FeedLoop;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import dev.feedctl.protocol.UrlLint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private int bookDepth = BookAudit.DEFAULT_DEPTH;
    private boolean exactChecks = true;
    private volatile boolean interrupted;
    private volatile int interruptCode = 130;

    public Verifier(CheckSettings settings, Clock clock) {
        this.s = settings;
        this.clock = clock;
    }

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

    /** Ends the evidence gathering early (Ctrl-C); the run still judges and reports what it saw. */
    public void interrupt() {
        interrupt(ExitCode.INTERRUPTED.code());
    }

    /** Ends gathering early; the verdict then carries {@code exitCode} (130 for Ctrl-C, 143 for SIGTERM). */
    public void interrupt(int exitCode) {
        interruptCode = exitCode;
        interrupted = true;
    }

    public Verdict run() throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        long end = t0 + s.duration().toNanos();
        EvidenceRecorder o = new EvidenceRecorder();
        o.rest = new RestClient(s.rest(), s.connect().caFile(), s.key() == null ? null : new JwtSigner(s.key(), clock), s.restBudget(),
                s.connect().timeout());
        List<String> canonical = s.products().stream().map(ProductIds::canonical).distinct().toList();
        // without ticker or ticker_batch no socket price is ever compared: the sampler then only reads REST's clock,
        // instead of spending a request a second a product of the user's REST rate limit on prices nobody reads
        o.sampler = new RestSampler(o.rest, isPriced(s.channels()) ? canonical : List.of(), end, clock);
        o.sampler.start();
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
            o.sampler.end(Math.max(100, (end - System.nanoTime()) / 1_000_000 + 100));
            o.prices.compare(o.sampler, true, o.backedUpAtEnd, clock);
            if (o.session != null) {
                o.session.close();
            }
            RestAudits.finish(o, end, s.connect().timeout());
        }
        Evidence evidence = o.evidence();
        List<CheckResult> checks = new VerifyChecks(s, evidence).all();
        Map<String, Object> facts = RunSummary.of(s, evidence);
        facts.put("interrupted", interrupted);
        if (interrupted) {
            facts.put("interrupt_exit_code", interruptCode);
        }
        return new Verdict("verify", started, Duration.ofNanos(System.nanoTime() - t0), checks, facts);
    }

    private void gather(EvidenceRecorder o, long end, List<String> canonical) throws InterruptedException {
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
        long now;
        while ((now = System.nanoTime()) < end && !interrupted) {
            if (turn(o, loop, now, end, canonical)) {
                return;
            }
        }
        o.backedUpAtEnd = o.connection.readerWaiting();
        judgeBacklog(o, loop, end, canonical);
    }

    /**
     * One turn of the judging loop: the next frame (or a tick without one) judged, REST's answers looked at; true
     * when the run ends here. A method of its own, not the loop's body: verify runs on C1 alone, which compiles a
     * loop entered once (or a few times a second) only after 60,000 turns, and a method after a few hundred calls.
     * LogCompilation showed this loop, the book batch's, the trades tape's and the ledger's walk over a frame's
     * trades compiled 21-23 s into a verify at 3,000 matches a second, interpreted until then; as methods called
     * per turn or per run, 0.4-1.8 s in.
     */
    private boolean turn(EvidenceRecorder o, FeedLoop loop, long now, long end, List<String> canonical)
            throws InterruptedException {
        FeedEvent ev = loop.nextBefore(TICK, end);
        FeedSession.Received r = ev == null ? null : ev.frame();
        if (r != null) {
            judged(o, r);
        }
        o.prices.compare(o.sampler, false, o.backedUpAtEnd, clock);
        RestAudits.drain(o, now);
        if (ev instanceof FeedEvent.Closed c) {
            o.close = c.close();
            return true;
        }
        if (ev instanceof FeedEvent.Stalled) { // the only stall watched here: the acknowledgement's deadline
            o.ackTimedOut = true;
            return true;
        }
        return r != null && fold(s, o, r, canonical);
    }

    /**
     * Every frame received before the deadline is judged, even when feedctl fell behind: a frame left unjudged
     * would be evidence thrown away. The run's end on the feed clock is the deadline's.
     */
    private void judgeBacklog(EvidenceRecorder o, FeedLoop loop, long end, List<String> canonical)
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

    private static void judged(EvidenceRecorder o, FeedSession.Received r) {
        Duration waited = Duration.ofNanos(System.nanoTime() - r.raw().receivedNanos());
        if (waited.compareTo(o.longestBacklog) > 0) {
            o.longestBacklog = waited;
        }
    }

    /** Server errors and foreign formats end a run; valid prices go into the history REST is compared with. */
    static boolean fold(CheckSettings s, EvidenceRecorder o, FeedSession.Received r, List<String> canonical) {
        Frame f = r.decoded().frame();
        if (f instanceof Frame.Error e) {
            o.serverError(e, CdpKey.explain(e, o.session.channels(), s.key()));
            return true;
        }
        if (f instanceof Frame.Foreign foreign) {
            o.foreign(foreign);
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
            o.prices.fold(d, aligned, canonical);
        }
        return false;
    }

    static boolean isPriced(List<String> channels) {
        return channels.contains("ticker") || channels.contains("ticker_batch");
    }
}
