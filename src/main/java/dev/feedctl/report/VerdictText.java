package dev.feedctl.report;

import dev.feedctl.units.Notation;
import dev.feedctl.check.CheckResult;
import dev.feedctl.check.Status;
import dev.feedctl.check.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The human summary: one line per check with its evidence, then cause and fix where it did not pass. */
public final class VerdictText {

    private VerdictText() {
    }

    public static List<String> lines(Verdict v, boolean timed) {
        List<String> out = new ArrayList<>();
        for (CheckResult c : v.checks()) {
            String time = !timed ? "" : c.millis() >= 0 ? Notation.format("%9.1f ms  ", c.millis())
                    : " ".repeat(14);
            out.add(Notation.format("%-4s %-14s %s%s", c.status(), c.name(), time, c.evidence()));
            if (c.diagnosis() != null) {
                out.add("                    cause: " + c.diagnosis());
            }
            if (c.fix() != null && c.status() != Status.PASS) {
                out.add("                    fix:   " + c.fix());
            }
        }
        int code = v.exitCode().code();
        out.add(Notation.format("%s: %s (%d passed, %d warned, %d failed, %d skipped) in %.1f s, exit %d",
                v.command(), v.interrupted() ? "INTERRUPTED, partial evidence" : code == 0 ? "PASS" : "FAIL", v.count(Status.PASS), v.count(Status.WARN),
                v.count(Status.FAIL), v.count(Status.SKIP), v.took().toMillis() / 1000.0, code));
        return out;
    }
}
