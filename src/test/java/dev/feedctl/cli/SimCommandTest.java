package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code feedctl sim}'s fault options: each one makes its fault, in a stable order, and a bad value is exit 2. */
@Timeout(30)
class SimCommandTest {

    @Test
    void everyFaultOptionMakesItsFaultInTheOrderVerboseListsThem() {
        Run r = Run.of("sim", "-v", "--duration", "50ms", "--drop-every", "3", "--gap-every", "4",
                "--stall-data-after", "2s", "--stall-after", "3s", "--malformed-every", "5", "--close-after", "4s",
                "--close-code", "4001", "--close-reason", "bye", "--drop-connection-after", "5s",
                "--refuse-upgrade", "503", "--big-snapshot-mb", "2", "--ack-delay", "100ms", "--no-ack", "--legacy",
                "--rest-429-every", "6", "--rest-offset-bps", "-7", "--rest-5xx-every", "8", "--stale-product",
                "ETH-USD", "--quiet-product", "SOL-USD", "--clock-skew", "9s", "--drop-trades-every", "10",
                "--book-drift-after", "11s");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("faults: [DropFrames[every=3], SequenceGaps[every=4, skip=2], "
                + "StallData[after=PT2S], StallAll[after=PT3S], MalformedFrames[every=5], "
                + "Close[after=PT4S, code=4001, reason=bye], AbruptDrop[after=PT5S], RefuseUpgrade[status=503], "
                + "BigSnapshot[bytes=2097152], SlowAck[delay=PT0.1S], NoAck[], LegacyExchange[], "
                + "RestRateLimited[every=6, retryAfterSeconds=1], RestPriceOffset[bps=-7], "
                + "RestServerError[every=8, status=503], StaleProduct[product=ETH-USD, after=PT1S], "
                + "QuietProduct[product=SOL-USD, after=PT1S], ClockSkew[offset=PT9S], DropTrades[every=10], "
                + "BookDrift[after=PT11S]]"), r::toString);
    }

    @Test
    void aCloseWithoutCodeOrReasonIsANormalClose() {
        Run r = Run.of("sim", "-v", "--duration", "50ms", "--close-after", "1s");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("faults: [Close[after=PT1S, code=1000, reason=]]"), r::toString);
    }

    @Test
    void noFaultOptionIsNoFault() {
        Run r = Run.of("sim", "-v", "--duration", "50ms");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("faults: none"), r::toString);
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

    private static void assertUsage(String message, String... faultArgs) {
        String[] args = new String[faultArgs.length + 3];
        args[0] = "sim";
        args[1] = "--duration";
        args[2] = "50ms";
        System.arraycopy(faultArgs, 0, args, 3, faultArgs.length);
        Run r = Run.of(args);
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("feedctl sim: " + message), r::toString);
    }
}
