package dev.feedctl.cli;

import static dev.feedctl.cli.FaultCell.fail;
import static dev.feedctl.cli.FaultCell.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.units.Notation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expected verdict of every command against every simulator scenario, in one table a reader can hold against
 * {@code feedctl sim --help}: the exit code, and the evidence the output must show. An exit 0 is never enough on
 * its own: each row names what the command saw (a violation printed, a gap reported, a close named, prices streamed;
 * for a fault out of a command's sight, what it did see). Every run's text is also scanned for Java collection dumps
 * ({@code {BTC-USD=200}}, {@code [heartbeats, ticker]}), which text for people never shows.
 *
 * <p>Runs ({@link #args}): {@code connect} (with {@code --hold 2s} where the fault strikes an idle socket),
 * {@code probe} for 1.5 s and {@code subscribe -o text} for 2 s (2.5 to 3 s where the fault strikes at 1.5 s or must
 * be seen after it), {@code verify} for 2.5 s, {@code tail -o text --max-reconnects 1} for 2 to 3.5 s, or until it
 * gives up where it must fail. The matrix runs in parallel (junit-platform.properties).
 */
@Timeout(60)
class FaultMatrixTest {

    static final List<String> COMMANDS = List.of("connect", "subscribe", "probe", "verify", "tail");

    /** {@code {k=v}} or {@code [a, b]} / {@code [word]}: a Map or List printed as Java prints it. */
    static final Pattern DUMP = Pattern.compile("\\{[^{}\"\\n]*=[^{}\"\\n]*}|\\[(?=[^\\]\\n\"]*[A-Za-z])[^\\[\\]\"\\n]+]");

    private static final String UP = "upgrade +ok .*status=101";
    private static final String TICKERS = "ticker +seq=\\d+ BTC-USD \\d";
    private static final String PRICES = "BTC-USD  \\d+";
    private static final String NO_ACK = "no subscriptions acknowledgement for heartbeats, ticker within \\d\\.\\d s";
    /** A close at 1.5 s reads 1.5 s, or a little later on a loaded machine. */
    private static final String AT_1_5 = "after [12]\\.\\d s";
    private static final String NO_ACK_PROBE = "FAIL subscribe-ack .*no acknowledgement for heartbeats, ticker";

    /** Scenario → one cell per command, in {@link #COMMANDS} order. */
    static final Map<String, List<FaultCell>> TABLE = new LinkedHashMap<>();

    static {
        //  scenario, then connect / subscribe / probe / verify / tail. connect never subscribes: faults in data,
        //  acknowledgements and REST are out of its sight, and its evidence is the upgrade it made.
        //  "stderr:" evidence must be on stderr (diagnostics), the rest anywhere in stdout or stderr.
        row("healthy", ok(UP), ok(TICKERS), ok("probe: PASS \\(13 passed"), ok("verify: PASS"),
                ok(PRICES, "\"event\":\"connected\""));
        row("drops", ok(UP), ok(FaultCell.SEQ_JUMP), fail(1, "FAIL sequence .*gaps", "frames were lost"),
                fail(1, "sequence gaps: frames were lost"), ok("\"event\":\"gap\".*\"missing\":1"));
        row("gaps", ok(UP), ok(FaultCell.SEQ_JUMP), fail(1, "FAIL sequence .*gaps", "frames were lost"),
                fail(1, "sequence gaps: frames were lost"), ok("\"event\":\"gap\".*\"missing\":2"));
        // probe watches a first data frame, heartbeats and sequence, not freshness (verify and tail do)
        row("stall-data", ok(UP), ok(FaultCell.DATA_THEN_HEARTBEATS), ok("PASS first-data", "PASS heartbeats"),
                fail(1, "heartbeats alive, data dead"), ok("\"event\":\"stale\""));
        row("stall-all", ok(UP), ok(FaultCell.STREAM_STOPS),
                fail(1, "FAIL heartbeats",
                        "no heartbeat arrived|heartbeats stopped: ([23]\\.\\d s|20\\d\\d ms) without one"),
                fail(1, "silent: not even heartbeats arrive"), ok("\"event\":\"stale\""));
        row("malformed", ok(UP), ok("stderr:violation (frame\\.not-json|envelope\\.[a-z-]+) at \\$"),
                fail(1, "FAIL schema +\\d+ of \\d+ frames break the protocol: envelope\\.missing-field \\d+",
                        "malformed frames; first: "),
                fail(1, "FAIL schema", "malformed frames; first: "),
                ok("stderr:violation (frame\\.not-json|envelope\\.[a-z-]+) at \\$", PRICES));
        row("deprecated-hostname", fail(3, "closed by server after \\d+ ms: 1000 \"deprecated hostname\"",
                        "the hostname is deprecated"), fail(3, "the hostname is deprecated"),
                fail(3, "the hostname is deprecated"), fail(3, "the hostname is deprecated"),
                fail(3, "the hostname is deprecated"));
        row("going-away", fail(3, "closed by server " + AT_1_5 + ": 1001 \"going away\"", "the server is going away"),
                fail(3, "closed by server " + AT_1_5 + ": 1001 \"going away\"; the server is going away"),
                fail(3, "FAIL connection +closed by server " + AT_1_5 + ": 1001 \"going away\"",
                        "the server is going away", "SKIP sequence +the window was cut short"),
                fail(3, "FAIL connection +closed by server " + AT_1_5 + ": 1001 \"going away\"",
                        "the server is going away"),
                ok("\"event\":\"outage\".*close 1001 going away by server",
                        "\"event\":\"reconnected\".*\"close_code\":1001", "\"connection\":2"));
        row("abrupt-drop", fail(3, "closed by server " + AT_1_5 + ": 1006", "ended without a close frame"),
                fail(3, "closed by server " + AT_1_5 + ": 1006; the peer or the network died"),
                fail(3, "FAIL connection +closed by server " + AT_1_5 + ": 1006", "ended without a close frame",
                        "SKIP heartbeats +the window was cut short"),
                fail(3, "FAIL connection +closed by server " + AT_1_5 + ": 1006", "ended without a close frame"),
                ok("\"event\":\"outage\".*1006", "\"event\":\"reconnected\".*\"close_code\":1006"));
        for (int status : new int[] {404, 429, 503}) {
            String refused = "upgrade refused with HTTP " + status;
            row("refuse-" + status, fail(3, refused), fail(3, refused), fail(3, "FAIL upgrade", refused),
                    fail(3, refused), fail(3, refused));
        }
        String limit = "limit 1048576 bytes, frame \\d+ bytes";
        row("big-snapshot", ok(UP), fail(3, limit), fail(3, limit), fail(3, limit), fail(3, limit));
        row("slow-ack", ok(UP), fail(5, NO_ACK), fail(5, NO_ACK_PROBE), fail(5, "FAIL acknowledged", NO_ACK),
                fail(3, "\"event\":\"outage\".*" + NO_ACK, "gave up after 1 reconnect"));
        row("no-ack", ok(UP), fail(5, NO_ACK), fail(5, NO_ACK_PROBE), fail(5, "FAIL acknowledged", NO_ACK),
                fail(3, "\"event\":\"outage\".*" + NO_ACK, "gave up after 1 reconnect"));
        String legacy = "legacy Exchange";
        row("legacy-exchange", ok(UP), fail(5, legacy), fail(5, legacy), fail(5, legacy), fail(5, legacy));
        // REST faults: connect and subscribe never ask REST; tail only with --rest-check
        row("rest-429", ok(UP), ok(TICKERS), ok("WARN rest-reachable .*HTTP 429", "SKIP rest-price +REST rate-limited"),
                ok("WARN rest-price", "REST rate-limited", "answered 429"), ok(PRICES));
        row("rest-offset", ok(UP), ok(TICKERS),
                fail(1, "FAIL rest-price .*\\(limit 50 bps\\)", "disagree by (19\\d|20\\d|210)(\\.\\d)? bps"),
                fail(1, "socket and REST disagree: BTC-USD differs by (19\\d|20\\d|210)(\\.\\d)? bps"),
                ok("\"event\":\"rest\".*\"deviation_bps\":(19\\d|20\\d|210)\\.\\d"));
        row("rest-5xx", ok(UP), ok(TICKERS), fail(3, "FAIL rest-reachable .*HTTP 503"), ok("REST failing \\(HTTP 503"),
                ok(PRICES));
        row("stale-product", ok(UP), ok(FaultCell.DATA_THEN_HEARTBEATS), ok("PASS first-data", "PASS heartbeats"),
                fail(1, "the market trades but the socket stopped sending BTC-USD \\(REST shows a trade"),
                ok("\"event\":\"rest\".*\"state\":\"dead\""));
        row("quiet-product", ok(UP), ok(FaultCell.DATA_THEN_HEARTBEATS), ok("PASS first-data", "PASS heartbeats"),
                ok("WARN freshness", "quiet market: BTC-USD had no trades on REST after the socket.s last update either"),
                ok("\"event\":\"rest\".*\"state\":\"quiet\""));
        row("clock-skew", ok(UP), ok(TICKERS), fail(1, "FAIL clock-skew", "clock skew 140 s"),
                ok("PASS freshness", "verify: PASS"), ok(PRICES));
        // losses upstream of the socket server: sequence numbers stay contiguous, so only a comparison with REST's
        // trades and books sees them (verify's trades and book checks, tail's --rest-check); probe and subscribe
        // show the contiguous stream they were given, which is all that sequence numbers can prove
        row("drop-trades", ok(UP), ok("market_trades +seq=\\d+ \\d+ trades, last \\d"),
                ok("PASS sequence +\\d+ sequence numbers, no gaps"),
                fail(1, "FAIL trades", "the socket never delivered \\d+ trades REST has within the span"),
                ok("\"event\":\"missed_trades\",.*\"product\":\"BTC-USD\",\"count\":\\d+", PRICES));
        row("book-drift", ok(UP), ok("l2_data +seq=\\d+ BTC-USD update \\d+ levels"),
                ok("PASS sequence +\\d+ sequence numbers, no gaps"),
                fail(1, "FAIL book", "book drift: .*BTC-USD (bid|offer) \\d+(\\.\\d+)?: socket"),
                ok("\"event\":\"book\",.*\"product\":\"BTC-USD\",\"state\":\"drift\""));
    }

    /**
     * The arguments of one cell. Timeouts are 3 s (a loaded machine must not turn a slow answer into a fault), but
     * 1 s where the acknowledgement's deadline is what subscribe and tail are tested on; tail runs until it gives
     * up where it must fail, and long enough to show the reconnect where it must recover.
     */
    static List<String> args(String command, String scenario) {
        boolean ackFault = scenario.equals("slow-ack") || scenario.equals("no-ack");
        boolean late = scenario.equals("going-away") || scenario.equals("abrupt-drop");
        boolean stall = Set.of("stall-data", "stall-all", "stale-product", "quiet-product").contains(scenario);
        List<String> a = new ArrayList<>(List.of(command, "--sim=" + scenario, "--timeout",
                ackFault && (command.equals("subscribe") || command.equals("tail")) ? "1s" : "3s"));
        switch (command) {
            case "connect" -> {
                if (late || scenario.equals("deprecated-hostname")) {
                    a.addAll(List.of("--hold", "2s"));
                }
            }
            case "subscribe" -> a.addAll(List.of("-o", "text", "--duration",
                    stall ? "3s" : late ? "2500ms" : "2s"));
            // a stall must outlast the 2 s a heartbeat may take, or probe cannot judge it (SKIP: too short)
            case "probe" -> a.addAll(List.of("--duration", stall ? "3s" : late ? "2500ms" : "1500ms"));
            case "verify" -> {
                // drop-trades: REST's trades must cover a span past the market_trades snapshot's
                a.addAll(List.of("--duration", scenario.equals("drop-trades") ? "4s" : "2500ms"));
                if (stall) {
                    a.addAll(List.of("--max-staleness", "700ms"));
                }
                if (scenario.equals("stale-product")) {
                    a.addAll(List.of("-p", "BTC-USD,ETH-USD"));
                }
            }
            default -> tail(a, scenario, late, stall);
        }
        if (scenario.equals("big-snapshot") && !command.equals("connect")) {
            a.addAll(List.of("-c", "level2", "--max-message-size", "1048576"));
        }
        if (!command.equals("connect") && (scenario.equals("drop-trades") || scenario.equals("book-drift"))) {
            a.addAll(List.of("-c", scenario.equals("drop-trades") ? "market_trades" : "level2"));
        }
        return a;
    }

    private static void tail(List<String> a, String scenario, boolean late, boolean stall) {
        a.addAll(List.of("-o", "text", "--max-reconnects", "1"));
        int exit = TABLE.get(scenario).get(COMMANDS.indexOf("tail")).exit();
        if (exit == 0) { // a failing tail runs until it gives up
            boolean truth = scenario.equals("drop-trades") || scenario.equals("book-drift"); // REST rounds to compare
            a.addAll(List.of("--duration", truth ? "5s" : late ? "3500ms" : stall ? "3s" : "2s"));
        }
        if (stall) {
            a.addAll(List.of("--max-staleness", "700ms", "--rest-check", "500ms"));
        } else if (scenario.equals("rest-offset")) {
            a.addAll(List.of("--rest-check", "500ms"));
        } else if (scenario.equals("drop-trades") || scenario.equals("book-drift")) {
            a.addAll(List.of("--rest-check", "500ms"));
        }
    }

    /** Every cell, the longest runs first: one of 4 or 5 s started last would hold the whole suite open. */
    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        TABLE.forEach((scenario, cells) -> {
            for (int i = 0; i < COMMANDS.size(); i++) {
                out.add(Arguments.of(COMMANDS.get(i), scenario, cells.get(i)));
            }
        });
        out.sort(Comparator.comparingLong((Arguments cell) -> -watchMillis(args((String) cell.get()[0],
                (String) cell.get()[1]))));
        return out.stream();
    }

    /** How long a cell's run watches ({@code --duration} or {@code --hold}); 0 when it ends on its own. */
    private static long watchMillis(List<String> args) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--duration") || args.get(i).equals("--hold")) {
                return Notation.parseDuration(args.get(i + 1)).toMillis();
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "{0} --sim={1} -> {2}")
    @MethodSource("cells")
    void everyCommandMeetsEveryFault(String command, String scenario, FaultCell cell) {
        List<String> args = args(command, scenario);
        long t0 = System.nanoTime();
        Run r = Run.of(args.toArray(String[]::new));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(cell.exit(), r.code(), r::toString);
        String all = r.out() + "\n" + r.err();
        for (String evidence : cell.evidence()) {
            assertTrue(FaultCell.seen(evidence, r), () -> "the output must show: " + evidence + "\n" + r);
        }
        assertFalse(all.contains("internal error"), r::toString);
        Matcher dump = DUMP.matcher(all);
        assertFalse(dump.find(), () -> "a Java collection printed as text: " + dump.group() + "\n" + r);
        // the command's own deadlines (at most 5 s of watching, a 3 s timeout, a 1 s Retry-After) and a margin
        // for a loaded machine running the suite in parallel
        assertTrue(ms < 12_000, "took " + ms + " ms\n" + r);
    }

    @Test
    void everyScenarioThatSimHelpListsHasARowAndEveryRowAllCommands() {
        Run help = Run.of("sim", "--help");
        String text = help.out() + help.err();
        String listing = text.substring(text.indexOf("Scenarios"));
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z0-9-]+) ").matcher(listing);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertTrue(listed.size() >= 20, () -> "scenarios parsed from sim --help: " + listed + "\n" + help);
        assertEquals(List.copyOf(listed), List.copyOf(TABLE.keySet()),
                "the table's rows are sim --help's scenarios, in its order");
        TABLE.forEach((s, cells) -> assertEquals(COMMANDS.size(), cells.size(), s));
    }

    /** A usage error lists the choices as words, never as an array (it printed "use one of [text, json]"). */
    @Test
    void theChoicesOfAUsageErrorAreText() {
        for (String[] args : List.of(new String[] {"probe", "-o", "csv"}, new String[] {"verify", "-o", "yaml"},
                new String[] {"subscribe", "-c", "bogus"}, new String[] {"tail", "--duration", "99999999h"})) {
            Run r = Run.of(args);
            assertEquals(2, r.code(), r::toString);
            assertFalse(DUMP.matcher(r.out() + r.err()).find(), r::toString);
        }
        assertTrue(Run.of("probe", "-o", "csv").err().contains("use one of text, json"));
    }

    @Test
    void theDumpPatternCatchesWhatJavaPrintsAndSparesWhatFeedctlPrints() {
        for (String dump : List.of("{BTC-USD=200}", "{addresses=127.0.0.1, host=127.0.0.1}", "[heartbeats, ticker]",
                "quiet market: [BTC-USD] had", "{heartbeats=[heartbeats]}")) {
            assertTrue(DUMP.matcher(dump).find(), dump);
        }
        for (String fine : List.of("BTC-USD 200, ETH-USD 198", "$.events[0].tickers[1].price", "$.events[*].type",
                "{\"products\":[\"BTC-USD\"]}", "host=127.0.0.1 addresses=127.0.0.1", "[1,2]")) {
            assertFalse(DUMP.matcher(fine).find(), fine);
        }
    }

    private static void row(String scenario, FaultCell connect, FaultCell subscribe, FaultCell probe,
                            FaultCell verify, FaultCell tail) {
        TABLE.put(scenario, List.of(connect, subscribe, probe, verify, tail));
    }
}
