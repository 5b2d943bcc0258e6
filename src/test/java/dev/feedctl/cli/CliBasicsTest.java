package dev.feedctl.cli;

import dev.feedctl.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CliBasicsTest {

    @Test
    void helpListsTheSubcommandsAndTheExitCodes() {
        Run r = Run.of("--help");
        assertEquals(0, r.code(), r::toString);
        for (String s : new String[] {"connect", "subscribe", "probe", "verify", "sim", "Exit codes:",
            "connection failed: DNS", "interrupted (Ctrl-C)"}) {
            assertTrue(r.out().contains(s), () -> s + " missing\n" + r);
        }
        assertFalse(r.out().contains("generate-completion"), "completion stays hidden");
    }

    @Test
    void versionNamesTheTool() {
        Run r = Run.of("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("feedctl "), r::toString);
        assertEquals(r, Run.of("-V").withArgs(r.args()), "-V and --version print the same");
    }

    /** --version alone skips picocli for start-up; what it prints must be what picocli prints for it. */
    @Test
    void versionPrintedWithoutPicocliIsPicocliSVersionText() {
        java.io.StringWriter printed = new java.io.StringWriter();
        picocli.CommandLine cl = Cli.create(new java.io.PrintWriter(printed), new java.io.PrintWriter(printed),
                java.util.Map.of());
        cl.printVersionHelp(new java.io.PrintWriter(printed, true), picocli.CommandLine.Help.Ansi.OFF);
        assertEquals(printed.toString(), Run.of("--version").out());
        assertTrue(printed.toString().matches("feedctl \\S+\\R" + "Java \\S+ \\(.+\\), \\S.* \\S+\\R"), printed::toString);
    }

    @Test
    void simHelpListsEveryScenarioWithinTheHelpWidth() {
        Run r = Run.of("sim", "--help");
        assertEquals(0, r.code(), r::toString);
        for (dev.feedctl.sim.Scenario s : dev.feedctl.sim.Scenario.values()) {
            assertTrue(r.out().contains("\n  " + s.id() + " "), () -> s.id() + " missing\n" + r);
        }
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r::toString);
    }

    @Test
    void completionScriptIsGenerated() {
        Run r = Run.of("generate-completion");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("complete -F") && r.out().contains("subscribe"), r::toString);
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        Run r = Run.of("subscribe", "--no-such-option");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals(2, r.err().strip().lines().count(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r::toString);
        assertTrue(r.err().contains("Try 'feedctl subscribe --help'"), r::toString);
    }

    @Test
    void noSubcommandIsAUsageError() {
        Run r = Run.of();
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("a subcommand is required"), r::toString);
    }

    @Test
    void unknownScenarioIsAUsageErrorThatListsTheKnownOnes() {
        Run r = Run.of("sim", "--scenario", "meltdown", "--duration", "1s");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("unknown scenario 'meltdown'") && r.err().contains("stall-data"), r::toString);
        Run viaSim = Run.of("subscribe", "--sim=meltdown", "--count", "1");
        assertEquals(2, viaSim.code(), viaSim::toString);
    }

    @Test
    void badPortIsAUsageError() {
        Run r = Run.of("sim", "--port", "70000", "--duration", "1s");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--port must be a port from 0 to 65535"), r::toString);
        Run notNumber = Run.of("sim", "--port", "eighty");
        assertEquals(2, notNumber.code(), notNumber::toString);
        assertFalse(notNumber.err().contains("at picocli"), "no stack trace");
    }

    @Test
    void portInUseIsAConnectionErrorNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run r = Run.of("sim", "--port", Integer.toString(port), "--duration", "1s");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("port " + port + " is already in use"), r::toString);
        }
    }

    @Test
    void simPrintsItsUrlsOnePerLineAndStopsAfterItsDuration() {
        Run r = Run.of("sim", "--duration", "300ms");
        assertEquals(0, r.code(), r::toString);
        assertEquals(2, r.outLines().size(), r::toString);
        assertTrue(r.outLines().get(0).matches("ws://127\\.0\\.0\\.1:\\d+"), r::toString);
        assertTrue(r.outLines().get(1).matches("http://127\\.0\\.0\\.1:\\d+"), r::toString);
    }

    @Test
    void simHelpListsEveryScenarioAndFault() {
        Run r = Run.of("sim", "--help");
        assertEquals(0, r.code());
        for (var s : dev.feedctl.sim.Scenario.values()) {
            assertTrue(r.out().contains(s.id()), s.id());
        }
        for (String o : new String[] {"--drop-every", "--gap-every", "--stall-data-after", "--stall-after",
            "--malformed-every", "--close-after", "--drop-connection-after", "--refuse-upgrade", "--big-snapshot-mb",
            "--ack-delay", "--no-ack", "--legacy", "--rest-429-every", "--rest-offset-bps", "--rest-5xx-every",
            "--stale-product", "--clock-skew", "--rate", "--seed"}) {
            assertTrue(r.out().contains(o), o);
        }
    }

    @Test
    void subscribeOnTheSimulatorPrintsOneNdjsonLinePerFrame() {
        Run r = Run.of("subscribe", "--sim", "--count", "5");
        assertEquals(0, r.code(), r::toString);
        long tickers = r.outLines().stream().filter(l -> l.startsWith("{\"channel\":\"ticker\"")).count();
        assertEquals(5, tickers, r::toString);
        assertTrue(r.outLines().get(0).contains("\"channel\":\"subscriptions\""), r::toString);
        r.outLines().forEach(l -> Json.parse(l));
    }

    @Test
    void productIdsAreAsciiBaseQuoteAndNeverCaseFoldedIntoOtherIds() {
        Run r = Run.of("subscribe", "--sim", "-p", "\u00df\u00df-USD", "--count", "1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("is not a product id") && !r.err().contains("SSSS-USD"), r::toString);
        Run lower = Run.of("subscribe", "--sim", "-p", "btc-usd", "--count", "1", "-o", "ndjson");
        assertEquals(0, lower.code(), lower::toString);
    }
}
