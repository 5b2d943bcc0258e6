package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.TestKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedctl sim}'s options: each fault option makes its fault, in a stable order; a bad value is exit 2. */
@Timeout(30)
class SimCommandTest {

    @Test
    void everyFaultOptionMakesItsFaultInTheOrderVerboseListsThem() {
        assertEquals("faults: [DropFrames[every=3], SequenceGaps[every=4, skip=2], "
                + "StallData[after=PT2S], StallAll[after=PT3S], MalformedFrames[every=5], "
                + "Close[after=PT4S, code=4001, reason=bye], AbruptDrop[after=PT5S], RefuseUpgrade[status=503], "
                + "BigSnapshot[bytes=2097152], SlowAck[delay=PT0.1S], NoAck[], LegacyExchange[], "
                + "RestRateLimited[every=6, retryAfterSeconds=1], RestPriceOffset[bps=-7], "
                + "RestServerError[every=8, status=503], StaleProduct[product=ETH-USD, after=PT1S], "
                + "QuietProduct[product=SOL-USD, after=PT1S], ClockSkew[offset=PT9S], DropTrades[every=10], "
                + "BookDrift[after=PT11S]]",
                faultsLine("--drop-every", "3", "--gap-every", "4", "--stall-data-after", "2s", "--stall-after", "3s",
                        "--malformed-every", "5", "--close-after", "4s", "--close-code", "4001", "--close-reason",
                        "bye", "--drop-connection-after", "5s", "--refuse-upgrade", "503", "--big-snapshot-mb", "2",
                        "--ack-delay", "100ms", "--no-ack", "--legacy", "--rest-429-every", "6", "--rest-offset-bps",
                        "-7", "--rest-5xx-every", "8", "--stale-product", "ETH-USD", "--quiet-product", "SOL-USD",
                        "--clock-skew", "9s", "--drop-trades-every", "10", "--book-drift-after", "11s"));
    }

    @Test
    void aCloseWithoutCodeOrReasonIsANormalCloseAndNoOptionIsNoFault() {
        assertEquals("faults: [Close[after=PT1S, code=1000, reason=]]", faultsLine("--close-after", "1s"));
        assertEquals("faults: none", faultsLine());
    }

    @Test
    void aValueNoFaultCanUseIsAUsageError() {
        assertUsage("--drop-every must be at least 1, got 0", "--drop-every", "0");
        assertUsage("--big-snapshot-mb must be at least 1, got -1", "--big-snapshot-mb", "-1");
        assertUsage("--refuse-upgrade takes an HTTP status from 200 to 599", "--refuse-upgrade", "101");
        assertUsage("Invalid value for option '--ack-delay': 'soon' is not a duration", "--ack-delay", "soon");
        assertUsage("Invalid value for option '--gap-every': 'x' is not an int", "--gap-every", "x");
        assertUsage("Invalid value for option '--legacy': 'maybe' is not a boolean", "--legacy=maybe");
    }

    @Test
    void aTrustKeyIsReadAsAKeyFileIs(@TempDir Path dir) throws Exception {
        Path good = TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ec()));
        Run trusted = Run.of("sim", "--duration=50ms", "--trust-key", good.toString());
        assertEquals(0, trusted.code(), trusted::toString);
        Path missing = dir.resolve("missing.json");
        assertUsage("key file " + missing + " does not exist", "--trust-key", missing.toString());
    }

    /** The line {@code sim -v} writes about its faults, for a run of 50 ms with these options. */
    private static String faultsLine(String... faultArgs) {
        Run r = sim(true, faultArgs);
        assertEquals(0, r.code(), r::toString);
        return r.err().lines().filter(l -> l.startsWith("faults: ")).findFirst().orElseThrow(() ->
                new AssertionError("no faults line: " + r));
    }

    private static void assertUsage(String message, String... faultArgs) {
        Run r = sim(false, faultArgs);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("feedctl sim: " + message), r::toString);
    }

    private static Run sim(boolean verbose, String... faultArgs) {
        List<String> args = new ArrayList<>(List.of("sim", "--duration=50ms"));
        if (verbose) {
            args.add("-v");
        }
        args.addAll(List.of(faultArgs));
        return Run.of(args.toArray(new String[0]));
    }
}
