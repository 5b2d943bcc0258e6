package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every simulator fault against connect, subscribe, probe and tail (verify has its own table in
 * {@link VerifyFaultsTest}): the exit code, the diagnosis for every non-zero one, and nothing past its deadline.
 */
@Timeout(60)
class FaultMatrixTest {

    private static final String[] COMMANDS = {"connect", "subscribe", "probe", "tail"};

    /** Scenario, the exit codes of connect/subscribe/probe/tail, and what any failure must name. */
    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, "healthy", 0, 0, 0, 0, "");
        row(rows, "drops", 0, 0, 1, 0, "gap");
        row(rows, "gaps", 0, 0, 1, 0, "gap");
        row(rows, "stall-data", 0, 0, 0, 0, "");
        row(rows, "stall-all", 0, 0, 1, 0, "heartbeat");
        row(rows, "malformed", 0, 0, 0, 0, "");
        row(rows, "deprecated-hostname", 0, 3, 3, 3, "deprecated");
        row(rows, "going-away", 0, 3, 0, 0, "1001");
        row(rows, "abrupt-drop", 0, 3, 0, 0, "1006");
        row(rows, "refuse-404", 3, 3, 3, 3, "HTTP 404");
        row(rows, "refuse-429", 3, 3, 3, 3, "HTTP 429");
        row(rows, "refuse-503", 3, 3, 3, 3, "HTTP 503");
        row(rows, "big-snapshot", 0, 3, 3, 3, "1048576");
        row(rows, "slow-ack", 0, 5, 5, 0, "acknowledg");
        row(rows, "no-ack", 0, 5, 5, 0, "acknowledg");
        row(rows, "legacy-exchange", 0, 5, 5, 5, "legacy Exchange");
        row(rows, "rest-429", 0, 0, 0, 0, "");
        row(rows, "rest-offset", 0, 0, 1, 0, "bps");
        row(rows, "rest-5xx", 0, 0, 3, 0, "HTTP 503");
        row(rows, "stale-product", 0, 0, 0, 0, "");
        row(rows, "quiet-product", 0, 0, 0, 0, "");
        row(rows, "clock-skew", 0, 0, 1, 0, "clock");
        return rows.stream();
    }

    private static void row(List<Arguments> rows, String scenario, int connect, int subscribe, int probe, int tail,
                            String names) {
        int[] exits = {connect, subscribe, probe, tail};
        for (int i = 0; i < COMMANDS.length; i++) {
            rows.add(Arguments.of(COMMANDS[i], scenario, exits[i], names));
        }
    }

    @ParameterizedTest(name = "{0} --sim={1} -> exit {2}")
    @MethodSource("matrix")
    void everyCommandMeetsEveryFault(String command, String scenario, int exit, String names) {
        List<String> args = new ArrayList<>(List.of(command, "--sim=" + scenario, "--timeout", "1s"));
        long budgetMs = 1000;
        if (!command.equals("connect")) {
            // the two faults that strike 1.5 s after the upgrade must land inside the run, not race its end
            long duration = scenario.equals("going-away") || scenario.equals("abrupt-drop") ? 2500 : 1500;
            args.addAll(List.of("--duration", duration + "ms"));
            budgetMs += duration;
        }
        if (command.equals("tail")) {
            args.addAll(List.of("--max-reconnects", "1"));
            budgetMs += 1000; // a Retry-After of 1 s
        }
        if (scenario.equals("big-snapshot") && !command.equals("connect")) {
            args.addAll(List.of("-c", "level2", "--max-message-size", "1048576"));
        }
        long t0 = System.nanoTime();
        Run r = Run.of(args.toArray(String[]::new));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(exit, r.code(), r::toString);
        if (exit != 0) {
            assertTrue((r.out() + r.err()).contains(names), () -> "the diagnosis names '" + names + "'\n" + r);
        }
        assertTrue(!r.err().contains("internal error"), r::toString);
        // the command's own deadlines, plus a margin for a loaded machine running the suite in parallel
        assertTrue(ms < budgetMs + 4000, "took " + ms + " ms, budget " + budgetMs + " ms\n" + r);
    }
}
