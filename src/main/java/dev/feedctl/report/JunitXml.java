package dev.feedctl.report;

import dev.feedctl.units.Notation;
import dev.feedctl.check.CheckResult;
import dev.feedctl.check.Status;
import dev.feedctl.check.Verdict;

/** JUnit XML for CI: one testcase per check; the diagnosis is the failure message, WARN goes to system-out. */
public final class JunitXml {

    private JunitXml() {
    }

    public static String render(Verdict v) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(Notation.format("<testsuite name=\"feedctl %s\" tests=\"%d\" failures=\"%d\" "
                        + "errors=\"0\" skipped=\"%d\" time=\"%.3f\" timestamp=\"%s\">%n", v.command(),
                v.checks().size(), v.count(Status.FAIL), v.count(Status.SKIP), v.took().toMillis() / 1000.0,
                v.startedAt().toString().replaceAll("\\.\\d+Z$", "")));
        for (CheckResult c : v.checks()) {
            // only a timed step (a probe rung) has a time: 0.000 for the others would be a figure never measured
            sb.append(Notation.format("  <testcase classname=\"feedctl.%s\" name=\"%s\"%s>", v.command(),
                    esc(c.name()), c.millis() < 0 ? "" : Notation.format(" time=\"%.3f\"", c.millis() / 1000.0)));
            switch (c.status()) {
                case FAIL -> sb.append("\n    <failure message=\"").append(esc(c.diagnosis())).append("\" type=\"exit ")
                        .append(c.exitCode().code()).append("\">").append(esc(c.evidence() + (c.fix() == null ? ""
                                : "\nfix: " + c.fix()))).append("</failure>\n  ");
                case SKIP -> sb.append("\n    <skipped message=\"").append(esc(c.evidence())).append("\"/>\n  ");
                case WARN -> sb.append("\n    <system-out>").append(esc("WARN: " + c.diagnosis() + "\n"
                        + c.evidence())).append("</system-out>\n  ");
                default -> sb.append("\n    <system-out>").append(esc(c.evidence())).append("</system-out>\n  ");
            }
            sb.append("</testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
