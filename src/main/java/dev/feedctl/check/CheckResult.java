package dev.feedctl.check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check and the evidence behind its status.
 *
 * @param evidence  what was observed, in numbers (always present)
 * @param diagnosis on WARN/FAIL: the cause in words; null on PASS
 * @param fix       on WARN/FAIL: what to do; may be null
 * @param exitCode  the exit code this check stands for when it fails; OK otherwise
 * @param millis    time the step took, for the probe ladder; -1 when not timed
 * @param data      machine-readable figures for the JSON report
 */
public record CheckResult(String name, Status status, String evidence, String diagnosis, String fix, ExitCode exitCode,
                          double millis, Map<String, Object> data) {

    public CheckResult {
        data = data == null ? Map.of() : new LinkedHashMap<>(data);
    }

    public static CheckResult pass(String name, String evidence, Map<String, Object> data) {
        return new CheckResult(name, Status.PASS, evidence, null, null, ExitCode.OK, -1, data);
    }

    public static CheckResult warn(String name, String evidence, String diagnosis, String fix,
                                   Map<String, Object> data) {
        return new CheckResult(name, Status.WARN, evidence, diagnosis, fix, ExitCode.OK, -1, data);
    }

    public static CheckResult fail(String name, ExitCode exitCode, String evidence, String diagnosis, String fix,
                                   Map<String, Object> data) {
        return new CheckResult(name, Status.FAIL, evidence, diagnosis, fix, exitCode, -1, data);
    }

    public static CheckResult skip(String name, String why) {
        return new CheckResult(name, Status.SKIP, why, null, null, ExitCode.OK, -1, Map.of());
    }

    /**
     * A check's figures in the order given: names and values alternate. {@code Map.of} would do, but its order
     * changes from one JVM to the next, and a report's keys should read the same every run.
     */
    public static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }

    public CheckResult timed(double ms) {
        return new CheckResult(name, status, evidence, diagnosis, fix, exitCode, ms, data);
    }
}
