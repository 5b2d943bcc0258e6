package dev.feedctl.check;

import dev.feedctl.units.Notation;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.FeedFamily;
import dev.feedctl.transport.Phase;
import dev.feedctl.protocol.UrlLint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what a verify run observed into checks, each with its evidence and, when it fails, cause and fix. */
record VerifyChecks(CheckSettings s, Evidence o) {

    List<CheckResult> all() throws InterruptedException {
        List<CheckResult> out = new ArrayList<>();
        if (o.replay() != null) {
            out.add(CheckResult.skip("endpoint", "replay of " + o.replay() + ": no endpoint was contacted"));
            out.add(CheckResult.skip("connected", "replay: the recording starts on an open connection"));
            if (o.legs().isEmpty()) {
                out.addAll(EmptyRecording.checks(o.replay()));
                return out;
            }
        } else {
            out.add(endpoint());
            out.add(connected());
        }
        out.add(acknowledged());
        out.add(format());
        out.add(new ConnectionCheck(o).check());
        Evidence.Ending end = o.ending();
        boolean endedEarly = o.session() == null || end.serverError() != null || end.foreign() != null
                || end.ackTimedOut() || !o.session().unacknowledged().isEmpty();
        if (endedEarly) {
            for (String name : List.of("messages", "schema", "sequence", "heartbeats", "freshness")) {
                out.add(CheckResult.skip(name, "the run ended before there was evidence to judge; see the checks "
                        + "above"));
            }
        } else {
            List<CheckResult> evidence = List.of(new MessagesCheck(s, o.ledger()).check(), schema(),
                    ContinuityChecks.sequence(o.legs()), ContinuityChecks.heartbeats(s, o),
                    new FreshnessCheck(s, o).check());
            out.addAll(evidence);
            if (evidence.stream().allMatch(c -> c.status() == Status.SKIP || c.name().equals("schema"))) {
                // a gate that judged no data at all (schema alone: a valid acknowledgement) must not end in PASS
                out.set(out.indexOf(evidence.get(0)), CheckResult.fail("messages", ExitCode.VERIFICATION_FAILED,
                        evidence.get(0).evidence(), "nothing observed shows the feed working: messages, sequence, "
                        + "heartbeats and freshness all had nothing to judge", "run longer (--duration), or "
                        + "subscribe a channel that streams data", Map.of()));
            }
        }
        if (o.replay() != null) {
            out.add(CheckResult.skip("rest-price", "replay: REST is not consulted for a recording (its prices "
                    + "would be today's, not the recording's)"));
            out.add(CheckResult.skip("keeping-up", "replay: the frames were read from a file"));
        } else {
            out.add(RestPriceCheck.check(s, o));
            if (o.trades() != null) {
                out.add(TradesCheck.check(o));
            }
            if (o.book() != null) {
                out.add(BookCheck.check(o.book()));
            }
            out.add(KeepingUpCheck.check(o));
        }
        return out;
    }

    private CheckResult endpoint() {
        List<UrlLint.Finding> lint = o.opening().lint();
        for (UrlLint.Finding f : lint) {
            if (f.level() != UrlLint.Level.WARN) {
                return CheckResult.fail("endpoint", f.level() == UrlLint.Level.WRONG_FEED ? ExitCode.PROTOCOL : ExitCode.USAGE,
                        s.connect().uri().toString(), f.message(), f.fix(), Map.of());
            }
        }
        String warnings = lint.stream().map(UrlLint.Finding::message).collect(Collectors.joining("; "));
        return warnings.isEmpty() ? CheckResult.pass("endpoint", s.connect().uri() + " is a socket URL of the right "
                + "kind", Map.of("url", s.connect().uri().toString()))
                : CheckResult.warn("endpoint", s.connect().uri().toString(), warnings, lint.get(0).fix(), Map.of());
    }

    private CheckResult connected() {
        Evidence.Opening opening = o.opening();
        if (opening.failure() != null) {
            Phase f = opening.failure().failed();
            return CheckResult.fail("connected", ExitCode.CONNECTION, phases(opening.failure().phases()), f.name()
                    + " failed: " + f.cause(), f.fix(), Map.of("steps", opening.failure().phases().size()));
        }
        if (opening.opened() == null) {
            return CheckResult.skip("connected", "not attempted: the endpoint check failed");
        }
        return CheckResult.pass("connected", phases(opening.opened()), Map.of());
    }

    private static String phases(List<Phase> list) {
        return list.stream().map(st -> st.name() + " " + Notation.millis(st.took())
                + (st.ok() ? "" : " FAIL")).collect(Collectors.joining(", "));
    }

    private CheckResult acknowledged() {
        if (o.session() == null) {
            return CheckResult.skip("acknowledged", "no connection");
        }
        Evidence.Ending end = o.ending();
        if (o.feed().acksAbsent() && end.serverError() == null) {
            return CheckResult.skip("acknowledged", "the recording holds no subscriptions acknowledgement (raw "
                    + "frames): the channels and products were taken from its data");
        }
        Map<String, Duration> acked = o.session().ackedAfter();
        String evidence = acked.isEmpty() ? "no subscriptions acknowledgement"
                : "acknowledged: " + (o.replay() != null ? Notation.names(new java.util.TreeSet<>(acked.keySet()))
                : SessionChecks.acknowledged(acked)); // a recording holds the answers, not the subscribes: how
        // long an acknowledgement took is not in it
        if (end.serverError() != null) {
            boolean auth = end.explanation().authProblem();
            return CheckResult.fail("acknowledged", auth ? ExitCode.AUTH : ExitCode.PROTOCOL, evidence + "; server "
                    + "error frame: \"" + end.serverError().message() + "\"", auth ? withSkew(end.explanation().text())
                    : end.explanation().text(), null, Map.of("server_error",
                    String.valueOf(end.serverError().message())));
        }
        List<String> missing = o.session().unacknowledged();
        if (!missing.isEmpty()) {
            if (end.close() != null) {
                return CheckResult.fail("acknowledged", ExitCode.CONNECTION, evidence, "the connection closed before " + Notation.names(missing)
                        + " was acknowledged", null, Map.of("missing", missing));
            }
            if (end.foreign() != null) {
                return CheckResult.fail("acknowledged", ExitCode.PROTOCOL, evidence, "no Advanced Trade acknowledgement: the server "
                        + "answered in the " + end.foreign().family().description(), end.foreign().family().advice(),
                        Map.of("missing", missing));
            }
            return CheckResult.fail("acknowledged", ExitCode.PROTOCOL, evidence, "no subscriptions acknowledgement for " + Notation.names(missing)
                    + (o.replay() != null ? " in the recording (" + Notation.duration(o.legs().get(0).lasted()) + " of it)"
                    : " within " + Notation.duration(s.connect().timeout().compareTo(s.duration()) < 0
                    ? s.connect().timeout() : s.duration())),
                    "check the channel and product names; Advanced Trade answers every subscribe with a "
                            + "subscriptions message", Map.of("missing", missing));
        }
        CheckResult later = LaterAcknowledgements.check(s, o, evidence);
        return later != null ? later : CheckResult.pass("acknowledged", evidence + (o.legs().size() > 1 ? "; and "
                + "on every later connection" : ""), Map.of("channels", acked.size(), "connections", o.legs().size()));
    }

    /** Adds the measured clock skew to an auth diagnosis: JWTs live 120 s, so skew decides. */
    private String withSkew(String text) {
        Long skew = o.rest() == null ? null : o.rest().skewMillis(); // a replay measured no skew
        if (skew == null || Math.abs(skew) < 2000) {
            return text;
        }
        long seconds = Math.round(Math.abs(skew) / 1000.0);
        return "JWT " + (skew > 0 ? "expired" : "not yet valid") + ": clock skew " + seconds + " s (this machine is "
                + seconds + " s " + (skew > 0 ? "behind" : "ahead of") + " the exchange, and JWTs live 120 s); "
                + "fix the clock (NTP). " + text;
    }

    private CheckResult format() {
        if (o.session() == null) {
            return CheckResult.skip("format", "no connection");
        }
        FrameLedger.Tally ev = o.ledger().tally();
        var foreign = List.copyOf(ev.foreignFamilies());
        if (!foreign.isEmpty()) {
            FeedFamily f = foreign.get(0);
            return CheckResult.fail("format", ExitCode.PROTOCOL, ev.frames() + " frames, in the " + f.description(),
                    "wrong feed: the server speaks the " + f.description(), f.advice(), Map.of("format", f.name()));
        }
        if (ev.frames() == 0) {
            return CheckResult.skip("format", "no frame arrived: there is no format to judge");
        }
        return CheckResult.pass("format", ev.frames() + " frames in the Advanced Trade format", Map.of());
    }

    private CheckResult schema() {
        return SessionChecks.schema(o.ledger().tally());
    }

}
