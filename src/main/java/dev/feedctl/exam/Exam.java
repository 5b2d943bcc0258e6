package dev.feedctl.exam;

import dev.feedctl.auth.Redactor;
import dev.feedctl.check.CheckResult;
import dev.feedctl.check.Status;
import dev.feedctl.check.Verdict;
import dev.feedctl.sim.ConnectionLog;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code feedctl exam}: starts the simulator on loopback, runs the user's client against it as a child process, and
 * gives the lessons in order, judging everything from the exchange's side. The child is always ended.
 */
public final class Exam {

    public static final String WS_ENV = "FEEDCTL_EXAM_WS_URL";
    public static final String REST_ENV = "FEEDCTL_EXAM_REST_URL";

    /** The client's command could not be started (not found, not executable): a usage error. */
    public static final class CannotRun extends IOException {
        CannotRun(String message) {
            super(message);
        }
    }

    private final ExamSettings settings;
    private final List<String> command;
    private final Consumer<String> passThrough;
    private final Redactor redactor;
    private volatile ExamRun run;
    private volatile int interruptCode;

    /** @param passThrough receives the client's output lines with --keep-output; null otherwise */
    public Exam(ExamSettings settings, List<String> command, Consumer<String> passThrough, Redactor redactor) {
        this.settings = settings;
        this.command = List.copyOf(command);
        this.passThrough = passThrough;
        this.redactor = redactor;
    }

    /** {@code {ws}} and {@code {rest}} in every argument replaced by the simulator's URLs. */
    static List<String> substitute(List<String> command, String ws, String rest) {
        return command.stream().map(a -> a.replace("{ws}", ws).replace("{rest}", rest)).toList();
    }

    /** Ctrl-C or SIGTERM: the lesson in progress stops waiting; what was seen is judged, the rest SKIPs. */
    public void interrupt(int exitCode) {
        interruptCode = exitCode;
        ExamRun r = run;
        if (r != null) {
            r.interrupt();
        }
    }

    /** @throws IOException when the simulator cannot start or the command cannot be run (a usage error) */
    public Verdict run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        SimConfig config = SimConfig.defaults().withTrustedKey(settings.trustKey());
        try (ExchangeSimulator sim = ExchangeSimulator.start(config)) {
            ConnectionLog log = sim.observe();
            ExamRun r = new ExamRun(sim, log, settings);
            run = r;
            String ws = sim.wsUri().toString();
            String rest = sim.restUri().toString();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(WS_ENV, ws);
            env.put(REST_ENV, rest);
            List<CheckResult> results;
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("command", redactor.scrub(String.join(" ", substitute(command, ws, rest))));
            try (ChildProcess child = start(substitute(command, ws, rest), env, log)) {
                r.attach(child);
                results = lessons(r);
                describe(child, client);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("ws_url", ws);
            facts.put("rest_url", rest);
            facts.put("lesson_timeout_ms", settings.lessonTimeout().toMillis());
            facts.put("client", client);
            facts.put("timeline", Timeline.of(log.connections(), r.startedAt, redactor));
            if (r.interrupted()) {
                facts.put("interrupted", true);
                facts.put("interrupt_exit_code", interruptCode);
            }
            return new Verdict("exam", started, Duration.ofNanos(System.nanoTime() - t0), results, facts);
        }
    }

    /** The client for the report: how it ended (by itself, or stopped once the lessons were over) and its output. */
    private void describe(ChildProcess child, Map<String, Object> client) {
        Integer exit = child.exitCode();
        client.put("exited_by_itself", exit != null);
        client.put("exit_code", exit);
        client.put("pid", child.pid());
        child.stop();
        client.put("stdout_tail", child.stdoutTail().stream().map(redactor::scrub).toList());
        client.put("stderr_tail", child.stderrTail().stream().map(redactor::scrub).toList());
    }

    private ChildProcess start(List<String> argv, Map<String, String> env, ConnectionLog log) throws CannotRun {
        try {
            return ChildProcess.start(argv, env, passThrough, log::changed);
        } catch (IOException e) {
            throw new CannotRun(e.getMessage());
        }
    }

    private List<CheckResult> lessons(ExamRun r) throws InterruptedException {
        List<CheckResult> results = new ArrayList<>();
        String skipAll = null;
        for (Lesson lesson : Lessons.ALL) {
            if (!settings.lessons().contains(lesson.name())) {
                continue;
            }
            if (skipAll == null && r.interrupted()) {
                skipAll = "interrupted";
            }
            // a client that exited before it ever connected is the never-connected case (exit 3), not a SKIP
            boolean connected = r.log.connections().stream().anyMatch(c -> c.admitted());
            if (skipAll == null && r.exited() != null && connected) {
                skipAll = "the client had exited with " + r.exited() + (r.lessonName == null ? ""
                        : " (during " + r.lessonName + ")");
            }
            if (skipAll != null) {
                results.add(CheckResult.skip(lesson.name(), skipAll));
                continue;
            }
            long t0 = System.nanoTime();
            CheckResult result = give(r, lesson);
            results.add(result.timed((System.nanoTime() - t0) / 1e6));
            r.lessonName = lesson.name();
            if (result.status() == Status.FAIL && result.exitCode() == dev.feedctl.check.ExitCode.CONNECTION) {
                skipAll = "the client never connected";
            }
        }
        return results;
    }

    private static CheckResult give(ExamRun r, Lesson lesson) throws InterruptedException {
        if (r.log.connections().stream().noneMatch(c -> c.admitted())
                && FirstConnection.await(r) == null && !r.interrupted()) {
            return FirstConnection.never(r, lesson.name());
        }
        String skip = lesson.precondition().await(r);
        if (skip != null) {
            return CheckResult.skip(lesson.name(), skip);
        }
        r.armedAt = r.now();
        lesson.fault().arm(r);
        return lesson.grading().grade(r);
    }
}
