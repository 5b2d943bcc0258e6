package dev.feedctl.exam;

import dev.feedctl.check.CheckResult;
import dev.feedctl.check.ExitCode;
import dev.feedctl.sim.ObservedConnection;
import java.util.Map;

/** The first thing every exam needs: the client connects, to the URL it was given, within the lesson timeout. */
final class FirstConnection {

    private FirstConnection() {
    }

    /** The first connection the exchange let in; null when none came in time (or the client ended first). */
    static ObservedConnection await(ExamRun run) throws InterruptedException {
        return run.await(cs -> cs.stream().filter(ObservedConnection::admitted).findFirst().orElse(null),
                run.startedAt.plus(run.settings.lessonTimeout()));
    }

    /** The lesson's FAIL, exit 3: the client never connected. */
    static CheckResult never(ExamRun run, String lesson) {
        String url = run.sim.wsUri().toString();
        Integer exit = run.exited();
        String evidence = "no WebSocket upgrade reached " + url + (exit != null ? " before the client exited with "
                + exit : " within " + ExamRun.span(run.startedAt, run.startedAt.plus(run.settings.lessonTimeout())));
        return CheckResult.fail(lesson, ExitCode.CONNECTION, evidence, "the client never connected to " + url
                        + ": does it take the URL you gave it?", "pass {ws} to the client (or have it read "
                        + "FEEDCTL_EXAM_WS_URL) instead of a built-in endpoint", Map.of("exit_code",
                        exit == null ? "running" : exit));
    }
}
