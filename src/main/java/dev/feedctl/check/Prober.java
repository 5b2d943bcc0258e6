package dev.feedctl.check;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEvent;
import dev.feedctl.transport.FeedLoop;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import dev.feedctl.transport.Phase;
import dev.feedctl.protocol.UrlLint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code feedctl probe}: the diagnostic ladder of docs/cli.md, one timed step at a time. It goes as far as it can: the
 * REST rungs run even when the socket fails ("REST works, socket does not").
 */
public final class Prober {

    private static final Duration TICK = Duration.ofMillis(50);
    /**
     * The ladder, the one place it is spelled: the rungs that need the socket, then the REST rungs, in order (a
     * constant, so that probe's help text is built from it).
     */
    public static final String SOCKET_RUNGS = "dns, tcp, tls, upgrade, subscribe-ack, first-data, heartbeats, sequence, "
            + "schema, connection, auth";
    public static final String REST_RUNGS = "rest-reachable, rest-price, clock-skew";
    private static final List<String> SOCKET_LADDER = List.of(SOCKET_RUNGS.split(", "));

    private final CheckSettings s;
    private final Clock clock;
    private final List<CheckResult> rungs = new ArrayList<>();
    private RestClient rest;
    private final PriceHistory history = new PriceHistory();
    private FeedSession session;
    private CloseInfo close;
    private Frame.Error serverError;
    private Instant lastTicker;
    /** Why the observation window ended before its time (a close, a server error, no acknowledgement); else null. */
    private String cutShort;
    /** When the window ended, on the feed clock: continuity is judged up to here, not up to the REST rungs. */
    private Instant windowEnd;

    public Prober(CheckSettings settings, Clock clock) {
        this.s = settings;
        this.clock = clock;
    }

    public Verdict run() throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        rest = new RestClient(s.rest(), s.connect().caFile(), s.key() == null ? null : new JwtSigner(s.key(), clock), s.restBudget(),
                s.connect().timeout());
        boolean lintOk = lint();
        if (lintOk) {
            socket();
        } else {
            for (String n : SOCKET_LADDER) {
                rungs.add(CheckResult.skip(n, "not attempted: the URL is wrong (see url-lint)"));
            }
        }
        new ProbeRestRungs(s, clock, rest, history, lastTicker != null).addTo(rungs);
        if (session != null) {
            session.close();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ws_url", s.connect().uri().toString());
        facts.put("rest_url", s.rest().toString());
        facts.put("channels", s.channels());
        facts.put("products", s.products());
        return new Verdict("probe", started, Duration.ofNanos(System.nanoTime() - t0), rungs, facts);
    }

    private boolean lint() {
        long t = System.nanoTime();
        List<UrlLint.Finding> findings = UrlLint.check(s.connect().uri(), s.connect().allowPlaintext());
        for (UrlLint.Finding f : findings) {
            if (f.level() != UrlLint.Level.WARN) {
                rungs.add(CheckResult.fail("url-lint", f.level() == UrlLint.Level.WRONG_FEED ? ExitCode.PROTOCOL : ExitCode.USAGE,
                        s.connect().uri().toString(), f.message(), f.fix(), Map.of()).timed(ms(t)));
                return false;
            }
        }
        rungs.add((findings.isEmpty() ? CheckResult.pass("url-lint", s.connect().uri().toString(), Map.of())
                : CheckResult.warn("url-lint", s.connect().uri().toString(), findings.get(0).message(),
                findings.get(0).fix(), Map.of())).timed(ms(t)));
        return true;
    }

    private void socket() throws InterruptedException {
        Connection conn;
        try {
            conn = new Connector(clock).open(s.connect());
            conn.phases().forEach(this::addPhase);
        } catch (ConnectFailure e) {
            e.phases().forEach(this::addPhase);
            skipFrom(e.failed().name(), "the connection failed at " + e.failed().name());
            return;
        }
        if (!"wss".equalsIgnoreCase(s.connect().uri().getScheme())) {
            rungs.add(3, CheckResult.skip("tls", "ws:// has no TLS (loopback)"));
        }
        CdpKey key = s.key();
        session = new FeedSession(conn, key == null ? null : new JwtSigner(key, clock), clock);
        session.subscribe(s.channels().stream().map(c -> new FeedSession.Subscription(c, s.products())).toList());
        observe();
        ProbeSocketRungs socketRungs = new ProbeSocketRungs(s, session, close, serverError, rungs,
                new ProbeSocketRungs.Window(windowEnd, cutShort));
        socketRungs.add();
        if (key == null) {
            rungs.add(CheckResult.skip("auth", "no key given (--key-file or COINBASE_API_KEY/COINBASE_API_SECRET)"));
        } else {
            long t = System.nanoTime();
            RestClient.Reply reply = rest.bestBidAsk(ProductIds.canonical(s.products().get(0)),
                    System.nanoTime() + s.connect().timeout().toNanos());
            rungs.add(socketRungs.auth(reply).timed(ms(t)));
        }
    }

    /** Reads frames for the observation window, or until the socket ends or the server sends an error. */
    private void observe() throws InterruptedException {
        long end = System.nanoTime() + s.duration().toNanos();
        FeedLoop loop = new FeedLoop(session, FeedLoop.Watch.ackOnly(s.connect().timeout()));
        try {
            while (System.nanoTime() < end) {
                FeedEvent ev = loop.nextBefore(TICK, end);
                if (ev instanceof FeedEvent.Closed c) {
                    close = c.close();
                    cutShort = close.describe();
                    return;
                }
                if (ev instanceof FeedEvent.ServerError e) {
                    serverError = e.error();
                    cutShort = "the server sent an error frame";
                    return;
                }
                if (ev instanceof FeedEvent.Stalled st) { // the acknowledgement's deadline: the rungs name what is missing
                    cutShort = st.describe();
                    return;
                }
                FeedSession.Received r = ev == null ? null : ev.frame();
                if (r != null && r.decoded().frame() instanceof Frame.Data d && r.decoded().valid()) {
                    ticker(d, r);
                }
            }
        } finally {
            windowEnd = session.feedNow();
        }
    }

    private void ticker(Frame.Data d, FeedSession.Received r) {
        for (Event e : d.events()) {
            if (e instanceof Event.Tickers t) {
                t.tickers().forEach(tk -> history.add(tk.productId(), r.raw().receivedAt(), tk.price()));
                lastTicker = r.raw().receivedAt();
            }
        }
    }

    private void addPhase(Phase st) {
        double ms = st.took().toNanos() / 1e6;
        String facts = st.factsText();
        rungs.add((st.ok() ? CheckResult.pass(st.name(), facts, Map.of())
                : CheckResult.fail(st.name(), ExitCode.CONNECTION, facts, st.cause(), st.fix(), Map.of())).timed(ms));
    }

    private void skipFrom(String failed, String why) {
        for (String n : SOCKET_LADDER.subList(SOCKET_LADDER.indexOf(failed) + 1, SOCKET_LADDER.size())) {
            rungs.add(CheckResult.skip(n, "not attempted: " + why));
        }
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
