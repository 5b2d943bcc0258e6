package dev.feedctl.check;

import dev.feedctl.units.Figures;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.FeedFamily;
import dev.feedctl.transport.Phase;
import dev.feedctl.protocol.UrlLint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what a verify run observed into checks, each with its evidence and, when it fails, cause and fix. */
final class VerifyChecks {

    private final CheckSettings s;
    private final Verifier.Observed o;
    private final FreshnessCheck freshness;

    VerifyChecks(CheckSettings s, Verifier.Observed o) {
        this.s = s;
        this.o = o;
        this.freshness = new FreshnessCheck(s, o);
    }

    List<CheckResult> all() throws InterruptedException {
        List<CheckResult> out = new ArrayList<>();
        if (o.replay != null) {
            out.add(CheckResult.skip("endpoint", "replay of " + o.replay + ": no endpoint was contacted"));
            out.add(CheckResult.skip("connected", "replay: the recording starts on an open connection"));
        } else {
            out.add(endpoint());
            out.add(connected());
        }
        out.add(acknowledged());
        out.add(format());
        out.add(connection());
        boolean endedEarly = o.session == null || o.close != null || o.serverError != null || o.foreign != null
                || o.ackTimedOut || !o.session.unacknowledged().isEmpty();
        if (endedEarly) {
            for (String name : List.of("messages", "schema", "sequence", "heartbeats", "freshness")) {
                out.add(CheckResult.skip(name, "the run ended before there was evidence to judge; see the checks "
                        + "above"));
            }
        } else {
            out.add(new MessagesCheck(s, o.session.ledger()).check());
            out.add(schema());
            out.add(ContinuityChecks.sequence(o.session.ledger().sequence()));
            out.add(ContinuityChecks.heartbeats(s, o));
            out.add(freshness.check());
        }
        if (o.replay != null) {
            out.add(CheckResult.skip("rest-price", "replay: REST is not consulted for a recording (its prices "
                    + "would be today's, not the recording's)"));
            out.add(CheckResult.skip("keeping-up", "replay: the frames were read from a file"));
        } else {
            out.add(RestPriceCheck.check(s, o));
            if (o.trades != null) {
                out.add(TradesCheck.check(o, s.products().stream().map(dev.feedctl.protocol.ProductIds::canonical)
                        .distinct().toList()));
            }
            if (o.book != null) {
                out.add(BookCheck.check(o));
            }
            out.add(KeepingUpCheck.check(o));
        }
        return out;
    }

    private CheckResult endpoint() {
        for (UrlLint.Finding f : o.lint) {
            if (f.level() != UrlLint.Level.WARN) {
                return CheckResult.fail("endpoint", f.level() == UrlLint.Level.WRONG_FEED ? ExitCode.PROTOCOL : ExitCode.USAGE,
                        s.connect().uri().toString(), f.message(), f.fix(), Map.of());
            }
        }
        String warnings = o.lint.stream().map(UrlLint.Finding::message).collect(Collectors.joining("; "));
        return warnings.isEmpty() ? CheckResult.pass("endpoint", s.connect().uri() + " is a socket URL of the right "
                + "kind", Map.of("url", s.connect().uri().toString()))
                : CheckResult.warn("endpoint", s.connect().uri().toString(), warnings, o.lint.get(0).fix(), Map.of());
    }

    private CheckResult connected() {
        if (o.connectFailure != null) {
            Phase f = o.connectFailure.failed();
            return CheckResult.fail("connected", ExitCode.CONNECTION, phases(o.connectFailure.phases()), f.name() + " failed: "
                    + f.cause(), f.fix(), Map.of("steps", o.connectFailure.phases().size()));
        }
        if (o.connection == null) {
            return CheckResult.skip("connected", "not attempted: the endpoint check failed");
        }
        return CheckResult.pass("connected", phases(o.connection.phases()), Map.of());
    }

    private static String phases(List<Phase> list) {
        return list.stream().map(st -> st.name() + " " + Figures.millis(st.took())
                + (st.ok() ? "" : " FAIL")).collect(Collectors.joining(", "));
    }

    private CheckResult acknowledged() {
        if (o.session == null) {
            return CheckResult.skip("acknowledged", "no connection");
        }
        if (o.acksAbsent && o.serverError == null) {
            return CheckResult.skip("acknowledged", "the recording holds no subscriptions acknowledgement (raw "
                    + "frames): the channels and products were taken from its data");
        }
        Map<String, Duration> acked = o.session.ackedAfter();
        String evidence = acked.isEmpty() ? "no subscriptions acknowledgement"
                : "acknowledged: " + acked.entrySet().stream().map(e -> e.getKey() + " in "
                + e.getValue().toMillis() + " ms").collect(Collectors.joining(", "));
        if (o.serverError != null) {
            boolean auth = o.errorExplanation.authProblem();
            return CheckResult.fail("acknowledged", auth ? ExitCode.AUTH : ExitCode.PROTOCOL, evidence + "; server error frame: \""
                    + o.serverError.message() + "\"", auth ? withSkew(o.errorExplanation.text())
                    : o.errorExplanation.text(), null, Map.of("server_error", String.valueOf(o.serverError.message())));
        }
        List<String> missing = o.session.unacknowledged();
        if (!missing.isEmpty()) {
            if (o.close != null) {
                return CheckResult.fail("acknowledged", ExitCode.CONNECTION, evidence, "the connection closed before " + missing
                        + " was acknowledged", null, Map.of("missing", missing));
            }
            if (o.foreign != null) {
                return CheckResult.fail("acknowledged", ExitCode.PROTOCOL, evidence, "no Advanced Trade acknowledgement: the server "
                        + "answered in the " + o.foreign.family().description(), o.foreign.family().advice(),
                        Map.of("missing", missing));
            }
            return CheckResult.fail("acknowledged", ExitCode.PROTOCOL, evidence, "no subscriptions acknowledgement for " + missing
                    + " within " + Math.min(s.connect().timeout().toMillis(), s.duration().toMillis()) + " ms",
                    "check the channel and product names; Advanced Trade answers every subscribe with a "
                            + "subscriptions message", Map.of("missing", missing));
        }
        return CheckResult.pass("acknowledged", evidence, Map.of("channels", acked.size()));
    }

    /** Adds the measured clock skew to an auth diagnosis: JWTs live 120 s, so skew decides. */
    private String withSkew(String text) {
        Long skew = o.sampler.skewMillis();
        if (skew == null || Math.abs(skew) < 2000) {
            return text;
        }
        long seconds = Math.round(Math.abs(skew) / 1000.0);
        return "JWT " + (skew > 0 ? "expired" : "not yet valid") + ": clock skew " + seconds + " s (this machine is "
                + seconds + " s " + (skew > 0 ? "behind" : "ahead of") + " the exchange, and JWTs live 120 s); "
                + "fix the clock (NTP). " + text;
    }

    private CheckResult format() {
        if (o.session == null) {
            return CheckResult.skip("format", "no connection");
        }
        FrameLedger ev = o.session.ledger();
        var foreign = List.copyOf(ev.foreignFamilies());
        if (!foreign.isEmpty()) {
            FeedFamily f = foreign.get(0);
            return CheckResult.fail("format", ExitCode.PROTOCOL, ev.frames() + " frames, in the " + f.description(),
                    "wrong feed: the server speaks the " + f.description(), f.advice(), Map.of("format", f.name()));
        }
        return CheckResult.pass("format", ev.frames() + " frames in the Advanced Trade format", Map.of());
    }

    private CheckResult connection() {
        if (o.session == null) {
            return CheckResult.skip("connection", "no connection");
        }
        if (o.close == null) {
            return CheckResult.pass("connection", "open for the whole run", Map.of());
        }
        var c = o.close;
        String cause = c.knownCause(!o.session.ackedAfter().isEmpty(), o.session.connection().largestFrame(),
                o.session.connection().maxMessageSize());
        return CheckResult.fail("connection", ExitCode.CONNECTION, "closed by " + c.side() + " after " + c.sinceConnect().toMillis()
                + " ms: " + c.code() + (c.reason().isEmpty() ? "" : " \"" + c.reason() + "\""),
                cause == null ? "the connection closed during the run" : cause,
                c.code() == 1001 || c.code() == 1006 ? "reconnect with backoff and resubscribe (feedctl tail does)"
                        : null, Map.of("code", c.code(), "reason", c.reason(), "by", c.side()));
    }

    private CheckResult schema() {
        FrameLedger ev = o.session.ledger();
        if (ev.violations() == 0) {
            return CheckResult.pass("schema", ev.frames() + " frames, 0 violations", Map.of("frames", ev.frames()));
        }
        FrameLedger.Seen first = ev.examples().get(0);
        return CheckResult.fail("schema", ExitCode.VERIFICATION_FAILED, ev.invalidFrames() + " of " + ev.frames() + " frames break the protocol: "
                + ev.violationsByRule(), "malformed frames; first: " + first.violation() + (first.sequence() >= 0
                ? " (sequence_num " + first.sequence() + ")" : ""), "the server (or a proxy) sends frames that are "
                + "not Advanced Trade; run feedctl subscribe --annotate to see them", new LinkedHashMap<>(
                ev.violationsByRule()));
    }

    static String bps(BigDecimal v) {
        return v.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
