package dev.feedctl.exam;

import dev.feedctl.check.CheckResult;
import dev.feedctl.check.ExitCode;
import dev.feedctl.sim.ObservedConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lessons {@code close-1001}, {@code drop-1006} and {@code stall}: after the fault, a new connection and the same
 * subscriptions, quickly. PASS within the PASS limit (10 s), WARN within the lesson timeout, FAIL otherwise.
 */
final class ReconnectGrading {

    private ReconnectGrading() {
    }

    /**
     * @param fault words for the fault ({@code the 1001 close})
     * @param stall the fault left the socket open: the client must also close it itself
     */
    static CheckResult grade(ExamRun run, String name, String fault, boolean stall) throws InterruptedException {
        ObservedConnection target = run.target;
        Instant armed = run.armedAt;
        Set<SubscribeReading.Subscription> wanted = SubscribeReading.of(target, null).subscriptions;
        Resubscription back = run.await(cs -> stall && target.closed() == null ? null
                : Resubscription.find(cs, target, wanted), armed.plus(run.settings.lessonTimeout()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connection", target.id());
        data.put("fault_at_s", SubscribeGrading.seconds(run, armed));
        String evidence = fault + " at " + run.at(armed) + " on connection " + target.id() + " ("
                + SubscribeReading.describe(wanted) + ")";
        if (back == null) {
            return failed(run, name, fault, stall, target, wanted, evidence, data);
        }
        Instant done = stall && target.closed().at().isAfter(back.complete()) ? target.closed().at() : back.complete();
        Duration took = Duration.between(armed, done);
        data.put("reconnected_connection", back.connection().id());
        data.put("back_ms", took.toMillis());
        evidence += (stall ? "; the client closed it at " + run.at(target.closed().at()) : "") + "; connection "
                + back.connection().id() + " at " + run.at(back.connection().upgradeAt())
                + ", every subscription back at " + run.at(back.complete()) + " (" + ExamRun.span(armed, done)
                + " after the fault)";
        Duration pass = run.limits().passWithin();
        if (took.compareTo(pass) > 0) {
            return CheckResult.warn(name, evidence, "back after " + ExamRun.span(armed, done) + ", more than "
                    + ExamRun.span(armed, armed.plus(pass)) + ": a price served from this client was that old",
                    stall ? "notice silence sooner: no heartbeat for a few seconds means a dead socket"
                            : "reconnect at once after a close (backoff only for repeated failures)", data);
        }
        if (Resubscription.reusedToken(run.log.connections(), back.connection())) {
            return CheckResult.warn(name, evidence, "the new connection reused a JWT sent before the fault: it may "
                    + "have expired (they live at most 120 s)", "sign a fresh JWT for every subscribe message", data);
        }
        return CheckResult.pass(name, evidence, data);
    }

    private static CheckResult failed(ExamRun run, String name, String fault, boolean stall, ObservedConnection target,
                                      Set<SubscribeReading.Subscription> wanted, String evidence,
                                      Map<String, Object> data) {
        if (run.interrupted()) {
            return CheckResult.skip(name, "interrupted");
        }
        String window = ExamRun.span(run.armedAt, run.armedAt.plus(run.settings.lessonTimeout()));
        if (stall && target.closed() == null) {
            run.sim.dropAll(); // ends the stall, so later lessons meet a client that can connect again
            return fail(name, evidence + "; still open and silent " + window + " later",
                    run.exited() != null ? run.exitWords("during the stall") : "the client never noticed that the "
                            + "socket went silent: it would serve a frozen price as live", "watch for silence: "
                            + "subscribe to heartbeats and treat no frame for a few seconds as a dead connection "
                            + "(close it and reconnect); ping/pong only proves the socket, not the feed", data);
        }
        List<ObservedConnection> all = run.log.connections();
        Set<SubscribeReading.Subscription> lacking = Resubscription.missing(all, target, wanted);
        if (run.exited() != null) {
            return fail(name, evidence, run.exitWords("after " + fault), "keep running through a lost connection: "
                    + "reconnect and resubscribe instead of exiting", data);
        }
        if (lacking == null) {
            run.gone = true;
            return fail(name, evidence + (stall ? "; the client closed it at " + run.at(target.closed().at()) : "")
                    + "; no new connection within " + window, "no reconnect after " + fault, "reconnect after every "
                    + "close, normal ones (1000, 1001) included, and after a dropped connection", data);
        }
        return fail(name, evidence + "; reconnected, but within " + window + " not subscribed again to "
                + SubscribeReading.describe(lacking), "a reconnect that does not resubscribe everything",
                "send every subscribe message again on each new connection", data);
    }

    private static CheckResult fail(String name, String evidence, String cause, String fix, Map<String, Object> data) {
        return CheckResult.fail(name, ExitCode.VERIFICATION_FAILED, evidence, cause, fix, data);
    }
}
