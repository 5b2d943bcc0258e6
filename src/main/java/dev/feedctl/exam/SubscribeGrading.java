package dev.feedctl.exam;

import dev.feedctl.check.CheckResult;
import dev.feedctl.check.ExitCode;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.CoinbaseHosts;
import dev.feedctl.sim.ObservedConnection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lesson {@code subscribe}: does the client connect to the URL it was given, and subscribe the Advanced Trade way? */
final class SubscribeGrading {

    static final String NAME = "subscribe";

    private SubscribeGrading() {
    }

    static CheckResult grade(ExamRun run) throws InterruptedException {
        ObservedConnection c = FirstConnection.await(run);
        if (c == null) {
            return run.interrupted() ? CheckResult.skip(NAME, "interrupted") : FirstConnection.never(run, NAME);
        }
        run.target = c;
        Instant window = c.upgradeAt().plus(run.limits().subscribeWithin());
        run.await(cs -> settled(run, c, window) ? c : null, window);
        SubscribeReading r = SubscribeReading.of(c, window);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connection", c.id());
        data.put("connected_at_s", seconds(run, c.upgradeAt()));
        data.put("subscribe_messages", r.subscribeMessages);
        data.put("subscriptions", r.subscriptions.stream().map(Object::toString).toList());
        String evidence = "connected at " + run.at(c.upgradeAt()) + "; " + (r.firstSubscribeAt == null
                ? "no Advanced Trade subscribe within " + ExamRun.span(c.upgradeAt(), window) + " of connecting"
                : r.subscribeMessages + " subscribe message" + (r.subscribeMessages == 1 ? "" : "s") + " from "
                + ExamRun.span(c.upgradeAt(), r.firstSubscribeAt) + " after connecting: "
                + SubscribeReading.describe(r.subscriptions));
        CheckResult wrong = formatProblem(r, evidence, data);
        if (wrong == null) {
            wrong = contentProblem(run, r, evidence, data);
        }
        if (wrong != null) {
            return wrong;
        }
        if (r.subscriptions.stream().noneMatch(s -> s.channel().equals(Channels.HEARTBEATS))) {
            return CheckResult.warn(NAME, evidence, "no heartbeats subscription: Coinbase closes a subscription that "
                    + "has had no update for 60-90 s (a quiet product), and without heartbeats the client cannot tell "
                    + "a quiet market from a dead socket",
                    "also send {\"type\":\"subscribe\",\"channel\":\"heartbeats\"} on every connection", data);
        }
        return CheckResult.pass(NAME, evidence, data);
    }

    /** Settled: the window is over, the connection ended, or the client has been quiet a while after subscribing. */
    private static boolean settled(ExamRun run, ObservedConnection c, Instant window) {
        List<ObservedConnection.ClientMessage> ms = c.messages();
        Instant now = run.now();
        return !now.isBefore(window) || c.closed() != null
                || !ms.isEmpty() && !now.isBefore(ms.get(ms.size() - 1).at().plus(run.limits().settleAfter()));
    }

    private static CheckResult formatProblem(SubscribeReading r, String evidence, Map<String, Object> data) {
        if (r.legacy()) {
            return fail(evidence, "the legacy Coinbase Exchange (Pro) subscribe format (" + String.join(", ",
                    r.legacyShapes) + (r.legacyChannels.isEmpty() ? "" : "; channel names " + String.join(", ",
                    r.legacyChannels)) + "): Advanced Trade ignores it and closes the connection 5 s later",
                    LegacyFix.messages(r) + ", on " + CoinbaseHosts.MARKET_DATA, data);
        }
        if (!r.notJson.isEmpty()) {
            return fail(evidence, "sent text that is not a JSON object: " + quote(r.notJson.get(0)),
                    "send each subscribe as one JSON object", data);
        }
        if (!r.unknownChannels.isEmpty()) {
            return fail(evidence, "channels Coinbase does not know: " + String.join(", ", r.unknownChannels)
                    + " (it answers with an error frame)", "use Advanced Trade channel names: "
                    + String.join(", ", Channels.SUBSCRIBE_NAMES), data);
        }
        if (!r.badProducts.isEmpty()) {
            return fail(evidence, "malformed product ids: " + String.join(", ", r.badProducts),
                    "product ids are BASE-QUOTE in capitals, e.g. BTC-USD", data);
        }
        if (r.subscribeMessages == 0) {
            return fail(evidence, "no subscribe within 5 s of connecting: Coinbase closes a connection that has not "
                    + "subscribed by then", "send the subscribe messages as soon as the connection opens", data);
        }
        return null;
    }

    private static CheckResult contentProblem(ExamRun run, SubscribeReading r, String evidence,
                                              Map<String, Object> data) {
        Set<String> privateChannels = new LinkedHashSet<>();
        r.subscriptions.stream().map(SubscribeReading.Subscription::channel).filter(Channels.PRIVATE::contains)
                .forEach(privateChannels::add);
        if (!privateChannels.isEmpty() && r.tokens.isEmpty()) {
            return fail(evidence, "subscribed to " + String.join(", ", privateChannels) + " without a JWT: Coinbase "
                    + "answers with an authentication failure", "sign a fresh CDP JWT (ES256 or EdDSA, at most 120 s) "
                    + "for every subscribe message to an authenticated channel and send it in the jwt field", data);
        }
        data.put("jwts", r.tokens.size());
        for (SubscribeReading.Token t : r.tokens) {
            String problem = Tokens.problem(t, run.settings.trustKey());
            if (problem != null) {
                return fail(evidence, problem, "sign a fresh JWT (nbf now, exp at most 120 s later) for every "
                        + "subscribe message, with the CDP key the account uses", data);
            }
        }
        Set<String> missing = new LinkedHashSet<>(run.settings.products());
        r.subscriptions.forEach(s -> missing.remove(s.product()));
        if (!missing.isEmpty()) {
            return fail(evidence, "never subscribed to " + String.join(", ", missing) + " (given with --products)",
                    "subscribe to every product the client is meant to serve", data);
        }
        return null;
    }

    private static CheckResult fail(String evidence, String cause, String fix, Map<String, Object> data) {
        return CheckResult.fail(NAME, ExitCode.VERIFICATION_FAILED, evidence, cause, fix, data);
    }

    private static String quote(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    static double seconds(ExamRun run, Instant t) {
        return java.time.Duration.between(run.startedAt, t).toMillis() / 1000.0;
    }
}
