package dev.feedctl.report;

import dev.feedctl.protocol.Json;
import dev.feedctl.check.CheckResult;
import dev.feedctl.check.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report, schema {@value #SCHEMA} (documented in README): a version, the verdict and exit code, every
 * check with status, evidence, diagnosis, fix and figures, and the run's facts.
 */
public final class VerdictJson {

    public static final String SCHEMA = "feedctl.report/1";

    private VerdictJson() {
    }

    public static String render(Verdict v, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("feedctl_version", version);
        doc.put("command", v.command());
        doc.put("started_at", v.startedAt().toString());
        doc.put("took_ms", v.took().toMillis());
        doc.put("verdict", v.interrupted() ? "INTERRUPTED" : v.passed() ? "PASS" : "FAIL");
        doc.put("exit_code", v.exitCode().code());
        List<Map<String, Object>> checks = v.checks().stream().map(VerdictJson::check).toList();
        doc.put("checks", checks);
        doc.put("facts", v.facts());
        return Json.PRETTY.toJson(doc);
    }

    private static Map<String, Object> check(CheckResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("status", c.status().name());
        m.put("evidence", c.evidence());
        m.put("diagnosis", c.diagnosis());
        m.put("fix", c.fix());
        m.put("exit_code_if_failed", c.status() == dev.feedctl.check.Status.FAIL ? c.exitCode().code() : null);
        m.put("ms", c.millis() < 0 ? null : c.millis());
        m.put("data", c.data());
        return m;
    }
}
