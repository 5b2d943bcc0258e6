package dev.feedctl.exam;

import dev.feedctl.sim.ObservedConnection;
import java.time.Instant;

/** The precondition of every fault: the client is on an open connection and has received data for a while. */
final class DataFlow {

    private DataFlow() {
    }

    /** Null once an open connection has had data for the threshold (it becomes the target); else why not. */
    static String await(ExamRun run) throws InterruptedException {
        if (run.log.connections().stream().noneMatch(c -> c.firstDataAt() != null)) {
            return "the client never received data: it did not subscribe in a way the exchange accepts (see subscribe)";
        }
        if (run.gone && run.openConnection() == null && run.exited() == null) {
            return "the client had no open connection: it did not come back after " + run.lessonName;
        }
        Instant deadline = run.now().plus(run.settings.lessonTimeout());
        ObservedConnection ready = run.await(cs -> {
            ObservedConnection open = run.openConnection();
            return open != null && open.firstDataAt() != null
                    && !run.now().isBefore(open.firstDataAt().plus(run.limits().dataBeforeFault())) ? open : null;
        }, deadline);
        if (ready == null) {
            return run.exited() != null ? "the client had exited with " + run.exited() + " (during "
                    + run.lessonName + ")" : run.interrupted() ? "interrupted"
                    : "no connection received data for " + ExamRun.span(Instant.EPOCH,
                    Instant.EPOCH.plus(run.limits().dataBeforeFault())) + " within the lesson timeout";
        }
        run.target = ready;
        return null;
    }
}
