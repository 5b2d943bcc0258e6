package dev.feedctl.check;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
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
import dev.feedctl.transport.Phase;
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
 * {@code feedctl probe}: the diagnostic ladder of docs/cli.md, one timed step at a time. It goes as far as it can: the
 * REST rungs run even when the socket fails ("REST works, socket does not").
 */
public final class Prober {

    private static final Duration TICK = Duration.ofMillis(50);

    private final CheckSettings s;
    private final Clock clock;
    private final List<CheckResult> rungs = new ArrayList<>();
    private RestClient rest;
    private final PriceHistory history = new PriceHistory();
    private FeedSession session;
    private CloseInfo close;
    private Frame.Error serverError;
    private Instant lastTicker;

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
            for (String n : List.of("dns", "tcp", "tls", "upgrade", "subscribe-ack", "first-data", "heartbeats",
                    "sequence", "auth")) {
                rungs.add(CheckResult.skip(n, "not attempted: the URL is wrong (see url-lint)"));
            }
        }
        rest();
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
        ProbeSocketRungs socketRungs = new ProbeSocketRungs(s, session, close, serverError, rungs);
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
        while (System.nanoTime() < end) {
            FeedEvent ev = loop.nextBefore(TICK, end);
            if (ev instanceof FeedEvent.Closed c) {
                close = c.close();
                return;
            }
            if (ev instanceof FeedEvent.ServerError e) {
                serverError = e.error();
                return;
            }
            if (ev instanceof FeedEvent.Stalled) { // the acknowledgement's deadline: the rungs name what is missing
                return;
            }
            FeedSession.Received r = ev == null ? null : ev.frame();
            if (r != null && r.decoded().frame() instanceof Frame.Data d && r.decoded().valid()) {
                for (Event e : d.events()) {
                    if (e instanceof Event.Tickers t) {
                        t.tickers().forEach(tk -> history.add(tk.productId(), r.raw().receivedAt(), tk.price()));
                        lastTicker = r.raw().receivedAt();
                    }
                }
            }
        }
    }

    private void addPhase(Phase st) {
        double ms = st.took().toNanos() / 1e6;
        String facts = st.facts().toString();
        rungs.add((st.ok() ? CheckResult.pass(st.name(), facts, Map.of())
                : CheckResult.fail(st.name(), ExitCode.CONNECTION, facts, st.cause(), st.fix(), Map.of())).timed(ms));
    }

    private void skipFrom(String failed, String why) {
        List<String> ladder = List.of("dns", "tcp", "tls", "upgrade", "subscribe-ack", "first-data", "heartbeats",
                "sequence", "auth");
        for (String n : ladder.subList(ladder.indexOf(failed) + 1, ladder.size())) {
            rungs.add(CheckResult.skip(n, "not attempted: " + why));
        }
    }

    private void rest() throws InterruptedException {
        long deadline = System.nanoTime() + s.connect().timeout().toNanos();
        long t = System.nanoTime();
        Instant before = clock.instant();
        RestClient.Reply time = rest.time(deadline);
        Instant after = clock.instant();
        if (time.status() == 429) { // it answers: reachable, but this client is over its rate limit
            rungs.add(CheckResult.warn("rest-reachable", s.rest() + ": " + RestSampler.describe(time),
                    "REST answered 429 (rate limited) to every try within " + s.connect().timeout().toSeconds()
                            + " s" + (time.retryAfter() == null ? "" : "; Retry-After: " + time.retryAfter()),
                    "wait, then probe again; lower --rest-budget", Map.of()).timed(ms(t)));
            rungs.add(CheckResult.skip("rest-price", "REST rate-limited"));
            rungs.add(CheckResult.skip("clock-skew", "REST rate-limited"));
            return;
        }
        if (!time.ok()) {
            rungs.add(CheckResult.fail("rest-reachable", ExitCode.CONNECTION, s.rest() + ": " + RestSampler.describe(time),
                    time.status() == 0 ? "the REST API did not answer GET /api/v3/brokerage/time"
                            : "GET /api/v3/brokerage/time answered " + RestSampler.describe(time),
                    time.status() == 429 ? "rate-limited: wait and retry" : time.status() == 0
                            ? "check --rest-url and the network" : "--rest-url must be the Advanced Trade REST base ("
                            + dev.feedctl.protocol.CoinbaseHosts.REST + ")", Map.of())
                    .timed(ms(t)));
            rungs.add(CheckResult.skip("rest-price", "REST not reachable"));
            rungs.add(CheckResult.skip("clock-skew", "REST not reachable"));
            return;
        }
        rungs.add(CheckResult.pass("rest-reachable", "GET /time answered 200 from " + s.rest(), Map.of())
                .timed(ms(t)));
        long local = (before.toEpochMilli() + after.toEpochMilli()) / 2;
        Long exchange = RestClient.epochMillis(time.json());
        long t2 = System.nanoTime();
        rungs.add(restPrice(deadline).timed(ms(t2)));
        rungs.add(exchange == null ? CheckResult.skip("clock-skew", "GET /time answered without a whole-number "
                + "epochMillis: the skew cannot be measured")
                : ProbeSocketRungs.clockSkew(exchange - local, s.key() != null));
    }

    private CheckResult restPrice(long deadline) throws InterruptedException {
        if (!Verifier.isPriced(s.channels())) {
            return CheckResult.skip("rest-price", "no ticker channel to compare with");
        }
        String product = ProductIds.canonical(s.products().get(0));
        RestClient.Reply r = rest.product(product, deadline);
        BigDecimal price = r.ok() ? RestSampler.decimal(r.json().get("price")) : null;
        if (price == null) {
            return CheckResult.warn("rest-price", RestSampler.describe(r), "no REST price to compare"
                    + (r.status() == 429 ? ": rate-limited (429)" : ""), null, Map.of());
        }
        if (lastTicker == null) {
            return CheckResult.skip("rest-price", "REST price " + price + ", but the socket sent no ticker price");
        }
        Instant now = clock.instant();
        BigDecimal bps = history.closestBps(product, price, now.minus(PriceHistory.KEEP), now);
        if (bps == null) {
            return CheckResult.skip("rest-price", "REST price " + price + ", no socket price for " + product);
        }
        String evidence = product + " REST " + price + ", socket within " + VerifyChecks.bps(bps) + " bps (limit "
                + s.maxDeviationBps() + ")";
        return bps.compareTo(BigDecimal.valueOf(s.maxDeviationBps())) > 0
                ? CheckResult.fail("rest-price", ExitCode.VERIFICATION_FAILED, evidence, "socket and REST disagree by " + VerifyChecks.bps(bps)
                + " bps", "check that both URLs point at the same exchange", Map.of("bps", bps.doubleValue()))
                : CheckResult.pass("rest-price", evidence, Map.of("bps", bps.doubleValue()));
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static ServerErrors.Explanation explain(Frame.Error e, FeedSession session, CdpKey key) {
        return ServerErrors.explain(e, session.channels(), key != null,
                key != null && key.algorithm() == CdpKey.Algorithm.EDDSA);
    }
}
