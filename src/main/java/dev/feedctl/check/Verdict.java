package dev.feedctl.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of a verify or probe run: every check, and the exit code of the earliest failing stage
 * (3 connection, then 4 auth, then 5 protocol, then 1 evidence; CLI.md).
 *
 * @param facts what the report shows besides the checks: target, REST counts, evidence totals
 */
public record Verdict(String command, Instant startedAt, Duration took, List<CheckResult> checks,
                      Map<String, Object> facts) {

    private static final List<Integer> STAGES = List.of(3, 4, 5, 1);

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** True when the run was cut short (Ctrl-C): its evidence is partial. */
    public boolean interrupted() {
        return Boolean.TRUE.equals(facts.get("interrupted"));
    }

    public int exitCode() {
        if (interrupted()) {
            return 130;
        }
        int best = 0;
        int bestRank = Integer.MAX_VALUE;
        for (CheckResult c : checks) {
            if (c.status() == Status.FAIL) {
                int rank = STAGES.indexOf(c.exitCode());
                rank = rank < 0 ? STAGES.size() : rank;
                if (rank < bestRank) {
                    bestRank = rank;
                    best = c.exitCode();
                }
            }
        }
        return best;
    }

    public boolean passed() {
        return exitCode() == 0;
    }

    public long count(Status s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }
}
