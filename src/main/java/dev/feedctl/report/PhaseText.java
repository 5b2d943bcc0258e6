package dev.feedctl.report;

import dev.feedctl.units.Notation;
import dev.feedctl.transport.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders connection phases: one aligned line each for people, or maps for JSON. */
public final class PhaseText {

    private PhaseText() {
    }

    public static String line(Phase s) {
        String facts = s.factsText();
        StringBuilder sb = new StringBuilder(Notation.format("%-14s %-4s %9s", s.name(),
                s.ok() ? "ok" : "FAIL", Notation.millis(s.took())));
        if (!facts.isEmpty()) {
            sb.append("  ").append(facts);
        }
        if (!s.ok()) {
            sb.append("\n").append(" ".repeat(15)).append("cause: ").append(s.cause());
            if (s.fix() != null) {
                sb.append("\n").append(" ".repeat(15)).append("fix:   ").append(s.fix());
            }
        }
        return sb.toString();
    }

    public static Map<String, Object> json(Phase s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.name());
        m.put("ok", s.ok());
        m.put("ms", s.took() == null ? null : s.took().toNanos() / 1e6);
        m.put("facts", s.facts());
        if (!s.ok()) {
            m.put("cause", s.cause());
            m.put("fix", s.fix());
        }
        return m;
    }

    public static List<Map<String, Object>> json(List<Phase> phases) {
        return phases.stream().map(PhaseText::json).toList();
    }
}
