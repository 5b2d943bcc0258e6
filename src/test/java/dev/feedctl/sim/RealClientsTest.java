package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real third-party clients (ccxt's REST and ccxt.pro's socket client, from npm) started against `feedctl sim`, through
 * scripts/realclients. Needs Node and the npm registry, so it is tagged and left out of mvn -B verify:
 * {@code mvn -B test -Dgroups=realclients -DexcludedTestGroups=live,bench}.
 */
@Tag("realclients")
@Timeout(300)
class RealClientsTest {

    @Test
    void ccxtLoadsMarketsAndWatchesTickersOnTheSimulator() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node not installed");
        Process p = new ProcessBuilder("sh", "scripts/realclients").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\"call\":\"loadMarkets\"") && out.contains("\"has_btc_usd\":true"), out);
        assertTrue(out.contains("\"call\":\"watchTicker x3\""), out);
        assertTrue(out.contains("realclients: PASS"), out);
    }
}
