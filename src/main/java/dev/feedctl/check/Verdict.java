package dev.feedctl.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of a verify or probe run: every check, and the exit code of the earliest failing stage
 * ({@link ExitCode#stageRank}: connection, auth, protocol, then evidence; docs/cli.md).
 *
 * @param facts what the report shows besides the checks: target, REST counts, evidence totals
 */
public record Verdict(String command, Instant startedAt, Duration took, List<CheckResult> checks,
                      Map<String, Object> facts) {

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** True when the run was cut short (Ctrl-C): its evidence is partial. */
    public boolean interrupted() {
        return Boolean.TRUE.equals(facts.get("interrupted"));
    }

    /** The exit code of the earliest failing stage; OK when nothing failed. */
    public ExitCode exitCode() {
        if (interrupted()) {
            return Integer.valueOf(143).equals(facts.get("interrupt_exit_code")) ? ExitCode.TERMINATED
                    : ExitCode.INTERRUPTED;
        }
        ExitCode best = ExitCode.OK;
        for (CheckResult c : checks) {
            if (c.status() == Status.FAIL && (best == ExitCode.OK || c.exitCode().stageRank() < best.stageRank())) {
                best = c.exitCode();
            }
        }
        return best;
    }

    public boolean passed() {
        return exitCode() == ExitCode.OK;
    }

    public long count(Status s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }
}
