package dev.feedctl.check;

import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.Frame;
import dev.feedctl.auth.CdpKey;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import dev.feedctl.transport.SessionCopy;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The socket rungs after the upgrade ({@link Prober#SOCKET_RUNGS} from subscribe-ack on).
 * Schema and connection are verify's own checks ({@link SessionChecks}). A rung that judges the window never passes
 * on a window that ended early.
 */
final class ProbeSocketRungs {

    /**
     * The observation window as it happened.
     *
     * @param end       when it ended, on the feed clock
     * @param cutShort  why it ended before its time (a close, a server error, no acknowledgement); null when it ran
     *                  its whole length
     */
    record Window(Instant end, String cutShort) {
    }

    private final CheckSettings s;
    private final FeedSession session;
    private final CloseInfo close;
    private final Frame.Error serverError;
    private final List<CheckResult> rungs;
    private final Window window;

    ProbeSocketRungs(CheckSettings s, FeedSession session, CloseInfo close, Frame.Error serverError,
                     List<CheckResult> rungs, Window window) {
        this.s = s;
        this.session = session;
        this.close = close;
        this.serverError = serverError;
        this.rungs = rungs;
        this.window = window;
    }

    void add() {
        ServerErrors.Explanation error = serverError == null ? null
                : CdpKey.explain(serverError, session.channels(), s.key());
        rungs.add(ack(error));
        rungs.add(firstData());
        rungs.add(wholeWindow(heartbeats()));
        rungs.add(wholeWindow(sequence()));
        rungs.add(wholeWindow(SessionChecks.schema(session.ledger().tally())));
        rungs.add(wholeWindow(SessionChecks.connection(session, close, span())));
    }

    /** A PASS speaks for the whole window: when the window was cut short, what was seen is told but not passed. */
    private CheckResult wholeWindow(CheckResult r) {
        if (window.cutShort() == null || r.status() != Status.PASS) {
            return r;
        }
        return CheckResult.skip(r.name(), "the window was cut short (" + window.cutShort() + "); until then: "
                + r.evidence());
    }

    /** {@code the 3.0 s window}, or {@code the shortened window}: what a count was counted over. */
    private String span() {
        return window.cutShort() == null ? "the " + Notation.duration(s.duration()) + " window" : "the shortened window";
    }

    ServerErrors.Explanation error() {
        return serverError == null ? null : CdpKey.explain(serverError, session.channels(), s.key());
    }

    private CheckResult ack(ServerErrors.Explanation error) {
        Map<String, Duration> acked = session.ackedAfter();
        List<String> missing = session.unacknowledged();
        double ms = acked.values().stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e6;
        if (error != null) { // before or after the acknowledgement: a server error ends the subscription
            return CheckResult.fail("subscribe-ack", error.authProblem() ? ExitCode.AUTH : ExitCode.PROTOCOL,
                    (missing.isEmpty() ? "acknowledged " + SessionChecks.acknowledged(acked) + ", then " : "")
                    + "server error \"" + serverError.message() + "\"", error.text(), null, Map.of()).timed(ms);
        }
        if (missing.isEmpty()) {
            return CheckResult.pass("subscribe-ack", "acknowledged " + SessionChecks.acknowledged(acked), Map.of())
                    .timed(ms);
        }
        if (close != null) {
            String cause = close.knownCause(false, session.connection().sizes());
            return CheckResult.fail("subscribe-ack", ExitCode.CONNECTION, close.describe(),
                    cause == null ? "closed before the acknowledgement" : cause, null, Map.of());
        }
        FrameLedger.Tally ev = session.ledger().tally();
        if (!ev.foreignFamilies().isEmpty()) {
            var f = ev.foreignFamilies().iterator().next();
            return CheckResult.fail("subscribe-ack", ExitCode.PROTOCOL, "frames in the " + f.description(), "wrong feed: "
                    + f.description(), f.advice(), Map.of());
        }
        return CheckResult.fail("subscribe-ack", ExitCode.PROTOCOL, "no acknowledgement for " + Notation.names(missing),
                "the server never confirmed the subscribe", "check channel and product names", Map.of());
    }

    private CheckResult firstData() {
        Duration first = session.firstDataAfter();
        if (first != null) {
            return CheckResult.pass("first-data", "first data frame after " + Notation.duration(first), Map.of())
                    .timed(first.toNanos() / 1e6);
        }
        if (!session.unacknowledged().isEmpty()) {
            return CheckResult.skip("first-data", "not subscribed");
        }
        boolean heartbeats = session.ledger().heartbeats().seen().count() > 0;
        return CheckResult.fail("first-data", ExitCode.VERIFICATION_FAILED, "no data frame in " + span(),
                heartbeats ? "heartbeats alive, data dead" : "silent: nothing arrived after the subscription",
                "check the product ids and channels", Map.of());
    }

    private CheckResult heartbeats() {
        if (!s.heartbeats()) {
            return CheckResult.skip("heartbeats", "--no-heartbeats");
        }
        var hb = session.ledger().heartbeats().seen();
        // up to the end of the window, not just between heartbeats: a feed that stops early is not continuous
        Duration silence = hb.longestSilence(window.end());
        String evidence = hb.count() + " heartbeats, " + hb.breaks() + " counter breaks, longest silence "
                + Notation.beyond(silence, CheckSettings.MAX_HEARTBEAT_INTERVAL);
        if (hb.count() == 0) {
            if (!session.unacknowledged().isEmpty()) {
                return CheckResult.skip("heartbeats", "not subscribed");
            }
            if (window.cutShort() != null || s.duration().compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) <= 0) {
                // verify's rule: none in a window of 2 s or less proves nothing (they come every second)
                return CheckResult.skip("heartbeats", "no heartbeat arrived in " + span() + ": too short to judge "
                        + "(they come every second; 2 s without one fails)");
            }
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, "0 heartbeats in " + span(),
                    "no heartbeat arrived", null, Map.of());
        }
        if (hb.breaks() > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeat_counter skipped "
                    + hb.breaks() + " times: heartbeats were lost", null, Map.of());
        }
        if (silence.compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeats stopped: "
                    + Notation.beyond(silence, CheckSettings.MAX_HEARTBEAT_INTERVAL) + " without one (more than 2 s)",
                    "the feed is stalled or the connection half-dead; reconnect", Map.of());
        }
        return CheckResult.pass("heartbeats", evidence, Map.of());
    }

    private CheckResult sequence() {
        // verify's judgement, on the one connection
        return ContinuityChecks.sequence(List.of(new Leg("", "", SessionCopy.of(session), null, null, null)));
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
}
