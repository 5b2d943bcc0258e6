package dev.feedctl.exam;

import java.util.ArrayList;
import java.util.List;

/**
 * The lessons, in the order they are given, each with the why of its thresholds (printed by {@code exam --help}
 * and in README). A lesson whose precondition the client never reached is SKIP with the reason.
 */
public final class Lessons {

    public static final List<Lesson> ALL = List.of(
            new Lesson(SubscribeGrading.NAME, "connects within --lesson-timeout (else exit 3) and subscribes within "
                    + "5 s (Coinbase closes a connection that has not subscribed by then) in the Advanced Trade "
                    + "format: one channel per message, known channel names, well-formed product ids; the legacy "
                    + "Exchange shape FAILs with the exact fix. No heartbeats: WARN (Coinbase closes a subscription "
                    + "idle for 60-90 s). A JWT: not expired, at most 120 s lifetime, signed by --trust-key's key "
                    + "when given.",
                    Lesson.Precondition.NONE, Lesson.Fault.NONE, SubscribeGrading::grade),
            new Lesson("close-1001", "after 2 s of data the server closes with 1001 going away, as Coinbase "
                    + "does on every deploy. PASS: a new connection with the same subscriptions within 10 s (a price "
                    + "older than that is misleading); WARN: within --lesson-timeout; FAIL: no reconnect, or not "
                    + "everything resubscribed. A JWT reused from before: WARN (they live 120 s at most).",
                    DataFlow::await, run -> run.sim.closeAll(1001, "going away"),
                    run -> ReconnectGrading.grade(run, "close-1001", "the 1001 close", false)),
            new Lesson("drop-1006", "the server drops TCP without a close frame (a reset, a NAT "
                    + "timeout; the client sees 1006). Graded as close-1001.",
                    DataFlow::await, run -> run.sim.dropAll(),
                    run -> ReconnectGrading.grade(run, "drop-1006", "the TCP drop", false)),
            new Lesson("stall", "the socket stays open and answers pings but sends nothing (a stuck "
                    + "upstream behind a live load balancer). PASS: the client closes it and is back, resubscribed, "
                    + "within 10 s (heartbeats come every second, so 3-5 s of silence is proof enough); WARN: within "
                    + "--lesson-timeout; FAIL: it never notices and would serve a frozen price as live.",
                    DataFlow::await, run -> run.sim.stallAll(false),
                    run -> ReconnectGrading.grade(run, "stall", "the stall", true)),
            new Lesson(RetryGrading.NAME, "the server drops the connection, then answers upgrades with 429 and "
                    + "Retry-After: 3 until the client has once waited that long (or been refused 10 times). PASS: "
                    + "every retry waited the Retry-After and the client got back in and resubscribed; WARN: it "
                    + "backed off but ignored Retry-After; FAIL: a reconnect storm (more than 5 attempts within 3 s "
                    + "keeps a rate-limited client locked out) or it gave up.",
                    DataFlow::await, RetryGrading::arm, RetryGrading::grade));

    private Lessons() {
    }

    public static List<String> names() {
        return ALL.stream().map(Lesson::name).toList();
    }

    /** The lessons named, in the exam's own order; an unknown name throws with the list of known ones. */
    public static List<String> pick(List<String> wanted) {
        for (String w : wanted) {
            if (!names().contains(w)) {
                throw new IllegalArgumentException("unknown lesson '" + w + "'; the lessons are "
                        + String.join(", ", names()));
            }
        }
        List<String> out = new ArrayList<>();
        names().stream().filter(wanted::contains).forEach(out::add);
        return out;
    }
}
