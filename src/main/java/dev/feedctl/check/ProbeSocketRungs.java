package dev.feedctl.check;

import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The socket rungs after the upgrade: subscribe-ack, first-data, heartbeats, sequence, auth; and clock-skew. */
final class ProbeSocketRungs {

    private final CheckSettings s;
    private final FeedSession session;
    private final CloseInfo close;
    private final Frame.Error serverError;
    private final List<CheckResult> rungs;

    ProbeSocketRungs(CheckSettings s, FeedSession session, CloseInfo close, Frame.Error serverError,
                     List<CheckResult> rungs) {
        this.s = s;
        this.session = session;
        this.close = close;
        this.serverError = serverError;
        this.rungs = rungs;
    }

    void add() {
        ServerErrors.Explanation error = serverError == null ? null
                : Prober.explain(serverError, session, s.key());
        rungs.add(ack(error));
        rungs.add(firstData());
        rungs.add(heartbeats());
        rungs.add(sequence());
    }

    ServerErrors.Explanation error() {
        return serverError == null ? null : Prober.explain(serverError, session, s.key());
    }

    private CheckResult ack(ServerErrors.Explanation error) {
        Map<String, Duration> acked = session.ackedAfter();
        List<String> missing = session.unacknowledged();
        double ms = acked.values().stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e6;
        if (error != null) { // before or after the acknowledgement: a server error ends the subscription
            return CheckResult.fail("subscribe-ack", error.authProblem() ? ExitCode.AUTH : ExitCode.PROTOCOL,
                    (missing.isEmpty() ? "acknowledged " + acked.keySet() + ", then " : "") + "server error \""
                    + serverError.message() + "\"", error.text(), null, Map.of()).timed(ms);
        }
        if (missing.isEmpty()) {
            return CheckResult.pass("subscribe-ack", "acknowledged " + acked.keySet(), Map.of()).timed(ms);
        }
        if (error != null) {
            return CheckResult.fail("subscribe-ack", error.authProblem() ? ExitCode.AUTH : ExitCode.PROTOCOL, "server error \""
                    + serverError.message() + "\"", error.text(), null, Map.of());
        }
        if (close != null) {
            String cause = close.knownCause(false, session.connection().largestFrame(),
                    session.connection().maxMessageSize());
            return CheckResult.fail("subscribe-ack", ExitCode.CONNECTION, "closed " + close.code() + " \"" + close.reason() + "\" by "
                    + close.side(), cause == null ? "closed before the acknowledgement" : cause, null, Map.of());
        }
        FrameLedger ev = session.ledger();
        if (!ev.foreignFamilies().isEmpty()) {
            var f = ev.foreignFamilies().iterator().next();
            return CheckResult.fail("subscribe-ack", ExitCode.PROTOCOL, "frames in the " + f.description(), "wrong feed: "
                    + f.description(), f.advice(), Map.of());
        }
        return CheckResult.fail("subscribe-ack", ExitCode.PROTOCOL, "no acknowledgement for " + missing, "the server never "
                + "confirmed the subscribe", "check channel and product names", Map.of());
    }

    private CheckResult firstData() {
        Duration first = session.firstDataAfter();
        if (first != null) {
            return CheckResult.pass("first-data", "first data frame after " + first.toMillis() + " ms", Map.of())
                    .timed(first.toNanos() / 1e6);
        }
        if (!session.unacknowledged().isEmpty()) {
            return CheckResult.skip("first-data", "not subscribed");
        }
        boolean heartbeats = session.ledger().heartbeats().count() > 0;
        return CheckResult.fail("first-data", ExitCode.VERIFICATION_FAILED, "no data frame within " + s.duration().toMillis() + " ms",
                heartbeats ? "heartbeats alive, data dead" : "silent: nothing arrived after the subscription",
                "check the product ids and channels", Map.of());
    }

    private CheckResult heartbeats() {
        if (!s.heartbeats()) {
            return CheckResult.skip("heartbeats", "--no-heartbeats");
        }
        var hb = session.ledger().heartbeats();
        // up to the end of the window, not just between heartbeats: a feed that stops early is not continuous
        Duration silence = hb.longestSilence(session.feedNow());
        String evidence = hb.count() + " heartbeats, " + hb.breaks() + " counter breaks, longest silence "
                + silence.toMillis() + " ms";
        if (hb.count() == 0) {
            return session.unacknowledged().isEmpty() ? CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED,
                    "0 heartbeats in " + s.duration().toMillis() + " ms", "no heartbeat arrived", null, Map.of())
                    : CheckResult.skip("heartbeats", "not subscribed");
        }
        if (hb.breaks() > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeat_counter skipped "
                    + hb.breaks() + " times: heartbeats were lost", null, Map.of());
        }
        if (silence.compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeats stopped: "
                    + silence.toMillis() + " ms without one (more than 2 s)", "the feed is stalled or the connection "
                    + "half-dead; reconnect", Map.of());
        }
        return CheckResult.pass("heartbeats", evidence, Map.of());
    }

    private CheckResult sequence() {
        SequenceTracker t = session.ledger().sequence();
        if (t.frames() < 2) { // one number alone has no order to break
            return CheckResult.skip("sequence", t.frames() == 0 ? "no frames" : "only one frame: no order to judge");
        }
        return t.clean() ? CheckResult.pass("sequence", t.frames() + " frames, no gaps", Map.of())
                : CheckResult.fail("sequence", ExitCode.VERIFICATION_FAILED, t.gaps() + " gaps, " + t.duplicates() + " duplicates, "
                + t.regressions() + " regressions", "sequence gaps: frames were lost", "resubscribe or reconnect",
                Map.of());
    }

    /** Signed socket subscribes and one signed REST call (best_bid_ask, a JWT with the request's uri). */
    CheckResult auth(RestClient.Reply restReply) {
        ServerErrors.Explanation error = error();
        if (error != null && error.authProblem()) {
            return CheckResult.fail("auth", ExitCode.AUTH, "signed subscribes were refused", error.text(), null, Map.of());
        }
        String socket = session.unacknowledged().isEmpty() ? "signed subscribes (" + s.key().algorithm().jwtName()
                + ") acknowledged" : "socket: no acknowledgement to judge by";
        if (restReply.status() == 401 || restReply.status() == 403) {
            return CheckResult.fail("auth", ExitCode.AUTH, socket + "; REST best_bid_ask answered " + restReply.status(),
                    "the REST API refused the key: " + RestSampler.describe(restReply), restReply.status() == 403
                            ? "the key lacks the view scope" : "check the key kind, algorithm and the clock", Map.of());
        }
        String rest = restReply.ok() ? "REST best_bid_ask answered 200" : "REST best_bid_ask: "
                + RestSampler.describe(restReply);
        return restReply.ok() && session.unacknowledged().isEmpty()
                ? CheckResult.pass("auth", socket + "; " + rest + " (key " + s.key().name() + ")", Map.of())
                : CheckResult.warn("auth", socket + "; " + rest, "could not prove the key on both socket and REST",
                null, Map.of());
    }

    static CheckResult clockSkew(long skewMillis, boolean withKey) {
        long abs = Math.abs(skewMillis);
        String evidence = "this machine is " + abs + " ms " + (skewMillis > 0 ? "behind" : "ahead of")
                + " the exchange clock";
        if (abs > 30_000) {
            return CheckResult.fail("clock-skew", withKey ? ExitCode.AUTH : ExitCode.VERIFICATION_FAILED, evidence, "clock skew " + Math.round(abs / 1000.0)
                    + " s: JWTs (valid 120 s) will be rejected", "fix this machine's clock (NTP)", Map.of("skew_ms",
                    skewMillis));
        }
        if (abs > 2_000) {
            return CheckResult.warn("clock-skew", evidence, "clock skew " + Math.round(abs / 1000.0) + " s",
                    "sync the clock (NTP) before it breaks JWT auth", Map.of("skew_ms", skewMillis));
        }
        return CheckResult.pass("clock-skew", evidence, Map.of("skew_ms", skewMillis));
    }
}
