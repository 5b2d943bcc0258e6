package dev.feedctl.cli;

import dev.feedctl.check.Verdict;
import dev.feedctl.report.JunitXml;
import dev.feedctl.report.VerdictJson;
import dev.feedctl.report.VerdictText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report FILE} (JSON) and {@code --junit FILE} (JUnit XML), written even when the run fails. */
public final class ReportOptions {

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report (schema "
            + VerdictJson.SCHEMA + ").")
    Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per check.")
    Path junit;

    /** Fails early (exit 2) when a report could not be written, rather than after the whole run. */
    void checkWritable() {
        for (Path p : new Path[] {report, junit}) {
            if (p != null) {
                Path dir = p.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                    throw ExitException.usage("cannot write " + p + ": " + dir + " is not a writable directory");
                }
            }
        }
    }

    void render(Verdict v, OutputOptions.Format format, Terminal terminal, boolean timed) {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        if (format == OutputOptions.Format.JSON) {
            terminal.data(VerdictJson.render(v, version == null ? "dev" : version));
        } else {
            VerdictText.lines(v, timed).forEach(terminal::data);
        }
        // both are attempted even when one fails: a lost report must not cost the JUnit file, nor the verdict
        String failed = write(report, terminal.scrub(VerdictJson.render(v, version == null ? "dev" : version)));
        String failedJunit = write(junit, terminal.scrub(JunitXml.render(v)));
        if (failed != null || failedJunit != null) {
            terminal.warn(failed != null ? failed : failedJunit);
        }
    }

    /** Writes the file; the problem in words when it could not. Text the JVM cannot encode (a lone surrogate from a
     * server) is written as '?' instead of failing the whole report. */
    private static String write(Path file, String content) {
        if (file == null) {
            return null;
        }
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException e) {
            return "cannot write " + file + ": " + e.getMessage();
        }
    }
}
