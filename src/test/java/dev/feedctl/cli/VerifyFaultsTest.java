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
 * Accuracy is the requirement: verify against every simulator fault, asserting the exit code and the diagnosis.
 * A healthy feed must pass; every broken one must fail with its cause named.
 */
@Timeout(60)
class VerifyFaultsTest {

    static Stream<Arguments> faults() {
        return Stream.of(
                row("healthy", "", 0, "verify: PASS"),
                row("drops", "", 1, "sequence gaps: frames were lost"),
                row("gaps", "", 1, "sequence gaps: frames were lost"),
                row("stall-data", "--max-staleness 700ms", 1, "heartbeats alive, data dead"),
                row("stall-all", "--max-staleness 700ms", 1, "silent: not even heartbeats arrive"),
                row("malformed", "", 1, "malformed frames; first: "),
                row("deprecated-hostname", "", 3, "the hostname is deprecated"),
                row("going-away", "", 3, "1001 \"going away\""),
                row("abrupt-drop", "", 3, "ended without a close frame"),
                row("refuse-404", "", 3, "upgrade refused with HTTP 404"),
                row("refuse-429", "", 3, "upgrade refused with HTTP 429"),
                row("big-snapshot", "-c level2 --max-message-size 1048576", 3, "limit 1048576 bytes, frame "),
                row("slow-ack", "--timeout 1s", 5, "no subscriptions acknowledgement for [heartbeats, ticker]"),
                row("no-ack", "--timeout 1s", 5, "no subscriptions acknowledgement for [heartbeats, ticker]"),
                row("legacy-exchange", "", 5, "this is the legacy Exchange protocol"),
                row("rest-429", "", 0, "WARN rest-price"),
                row("rest-offset", "", 1, "socket and REST disagree: BTC-USD differs by "),
                row("rest-5xx", "", 0, "REST failing (HTTP 503"),
                row("stale-product", "-p BTC-USD,ETH-USD --max-staleness 700ms", 1,
                        "the market trades but the socket stopped sending BTC-USD (REST shows a trade"),
                row("quiet-product", "--max-staleness 700ms", 0, "quiet market: BTC-USD had no trades on REST "
                        + "after the socket's last update either"));
    }

    private static Arguments row(String scenario, String extra, int exit, String diagnosis) {
        return Arguments.of(scenario, extra, exit, diagnosis);
    }

    @ParameterizedTest(name = "{0} -> exit {2}")
    @MethodSource("faults")
    void verifyNamesEveryFault(String scenario, String extra, int exit, String diagnosis) {
        List<String> args = new ArrayList<>(List.of("verify", "--sim=" + scenario, "--duration", "2500ms"));
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split(" ")));
        }
        Run r = Run.of(args.toArray(String[]::new));
        assertEquals(exit, r.code(), r::toString);
        assertTrue(r.out().contains(diagnosis), () -> "diagnosis '" + diagnosis + "' missing\n" + r);
        if (exit != 0) {
            assertTrue(r.out().contains("FAIL"), r::toString);
        }
        if ("rest-offset".equals(scenario)) {
            var m = java.util.regex.Pattern.compile("differs by ([0-9.]+) bps").matcher(r.out());
            assertTrue(m.find(), r::toString);
            double bps = Double.parseDouble(m.group(1));
            assertTrue(bps >= 190 && bps <= 210, "the simulator shifts REST by 200 bps, measured " + bps);
        }
        if (diagnosis.startsWith("WARN rest-price")) {
            assertTrue(r.out().contains("REST rate-limited") && r.out().contains("answered 429"), r::toString);
        }
    }
}
