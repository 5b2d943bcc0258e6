package dev.feedctl.exam;

import dev.feedctl.sim.ConnectionLog;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.ObservedConnection;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What lessons share while an exam runs: the simulator and its observation log, the client process, the settings,
 * and the state one lesson leaves for the next (the connection a fault was armed on, when).
 */
public final class ExamRun {

    final ExchangeSimulator sim;
    final ConnectionLog log;
    final ExamSettings settings;
    final Instant startedAt;
    private final Instant endOfRun;
    private volatile ChildProcess child;
    private volatile boolean interrupted;
    /** The connection the current lesson's fault hits, and when it was armed. */
    ObservedConnection target;
    Instant armedAt;
    /** Set when the client did not come back after a lesson's fault: later lessons SKIP at once instead of waiting. */
    boolean gone;
    /** The lesson in progress, for the words of a client that exits during it. */
    String lessonName;

    ExamRun(ExchangeSimulator sim, ConnectionLog log, ExamSettings settings) {
        this.sim = sim;
        this.log = log;
        this.settings = settings;
        this.startedAt = log.now();
        this.endOfRun = startedAt.plus(settings.bound()).minusSeconds(ChildProcess.GRACE_SECONDS + 2);
    }

    void attach(ChildProcess c) {
        child = c;
    }

    ExamSettings.Thresholds limits() {
        return settings.thresholds();
    }

    Instant now() {
        return log.now();
    }

    /** The exit code of a client that has ended; null while it runs. */
    Integer exited() {
        ChildProcess c = child;
        return c == null ? null : c.exitCode();
    }

    void interrupt() {
        interrupted = true;
        log.changed();
    }

    boolean interrupted() {
        return interrupted;
    }

    /** The latest deadline a wait may have: this one, or the end of the whole run's time, whichever is first. */
    Instant bounded(Instant deadline) {
        return deadline.isAfter(endOfRun) ? endOfRun : deadline;
    }

    /**
     * Waits until {@code condition} on the connections so far gives an answer, the deadline passes, the client
     * exits or the run is interrupted; returns the answer, or null in the other cases.
     */
    <T> T await(Function<List<ObservedConnection>, T> condition, Instant deadline) throws InterruptedException {
        Instant end = bounded(deadline);
        while (true) {
            long seen = log.version();
            T answer = condition.apply(log.connections());
            if (answer != null) {
                return answer;
            }
            Instant now = now();
            if (!now.isBefore(end) || exited() != null || interrupted) {
                return null;
            }
            log.awaitChange(seen, Duration.between(now, end).compareTo(POLL) < 0 ? Duration.between(now, end) : POLL);
        }
    }

    /** Time still matters without changes in the log (a threshold passing): look again this often. */
    private static final Duration POLL = Duration.ofMillis(100);

    /** The latest connection that was let in and is still open; null when there is none. */
    ObservedConnection openConnection() {
        List<ObservedConnection> all = log.connections();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).open()) {
                return all.get(i);
            }
        }
        return null;
    }

    /** {@code +12.3 s}: a moment as the time since the exam started. */
    String at(Instant t) {
        return Notation.format("+%.1f s", Duration.between(startedAt, t).toMillis() / 1000.0);
    }

    static String span(Instant from, Instant to) {
        return Notation.duration(Duration.between(from, to));
    }

    /** What a client's own ending says about the lesson in progress. */
    String exitWords(String after) {
        return "the client exited with " + exited() + " " + after;
    }
}
