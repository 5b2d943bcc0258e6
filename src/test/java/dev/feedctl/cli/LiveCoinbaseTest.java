package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Coinbase endpoints. Tagged {@code live}: excluded from {@code mvn -B verify}; run it with
 * {@code mvn -B test -Dgroups=live -DexcludedTestGroups=bench}. It skips itself when the host names do not
 * resolve, so it never fails for lack of a network.
 */
@Tag("live")
@Timeout(120)
class LiveCoinbaseTest {

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Test
    void theLiveFeedPassesVerify() {
        assumeTrue(resolves("advanced-trade-ws.coinbase.com") && resolves("api.coinbase.com"),
                "Coinbase host names do not resolve: no network here");
        Run r = Run.of("verify", "--duration", "15s", "-p", "BTC-USD,ETH-USD");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void theLiveLadderPasses() {
        assumeTrue(resolves("advanced-trade-ws.coinbase.com") && resolves("api.coinbase.com"),
                "Coinbase host names do not resolve: no network here");
        Run r = Run.of("probe");
        assertEquals(0, r.code(), r::toString);
    }
}
