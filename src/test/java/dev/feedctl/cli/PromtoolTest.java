package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prometheus's own tool judges what feedctl ships: the alert rules of docs/monitoring/ (their unit tests), and a
 * live scrape's names and types. Tagged like the other real third-party clients; run by scripts/promtool-test.
 */
@Tag("realclients")
@Timeout(120)
class PromtoolTest {

    private static final Path DOCS = Path.of("docs", "monitoring");

    @BeforeAll
    static void promtoolIsInstalled() {
        boolean present;
        try {
            present = new ProcessBuilder("promtool", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "promtool not installed (apt-get install prometheus)");
    }

    @Test
    void theAlertRulesAreValidAndPassTheirUnitTests() throws Exception {
        assertEquals("", promtool(null, "check", "rules", "feedctl-alerts.yml").replaceAll("(?s).*SUCCESS.*", ""));
        String out = promtool(null, "test", "rules", "feedctl-alerts.test.yml");
        assertEquals(true, out.contains("SUCCESS"), out);
    }

    @Test
    void aLiveScrapePassesPromtoolsMetricsLint() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live("tail", "--sim", "-p", "BTC-USD,ETH-USD",
                "--rest-check", "1s", "--metrics", "0", "--duration", "3s", "-o", "ndjson")) {
            Scraper s = Scraper.of(t.err::toString);
            s.awaitMetrics(e -> e.value("feedctl_connected", Map.of("shard", "0")) == 1,
                    java.time.Duration.ofSeconds(10), "connected");
            String body = s.get("/metrics", null).body();
            assertEquals("", promtool(body, "check", "metrics"));
        }
    }

    /** Runs promtool in docs/monitoring with {@code stdin}; returns stdout and stderr, failing on a non-zero exit. */
    private static String promtool(String stdin, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("promtool"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(DOCS.toFile()).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
        return out;
    }
}
