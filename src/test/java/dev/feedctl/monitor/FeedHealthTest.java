package dev.feedctl.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedHealthTest {

    private static PriceBoard.Row row(String product, long updates, Duration age) {
        return new PriceBoard.Row(product, updates == 0 ? null : BigDecimal.ONE, 0, null, null, null, null, age, 0,
                updates, 0, false, null);
    }

    /** No --rest-check: REST has said nothing of any product. */
    private static final RestVerdicts NO_REST = new RestVerdicts(List.of());

    private static final List<ShardStates.View> CONNECTED = List.of(new ShardStates.View(0, true, null, 0, 0));

    /** A product nothing has arrived for is not "fresh": a health check never says ok with zero evidence. */
    @Test
    void aProductWithNoUpdateYetIsNotHealthy() {
        FeedHealth h = FeedHealth.of(List.of(row("BTC-USD", 12, Duration.ofMillis(300)),
                row("ETH-USD", 0, Duration.ofMillis(900))), NO_REST, Duration.ofSeconds(5), CONNECTED);
        assertFalse(h.healthy(), h.json());
        assertTrue(h.json().contains("\"no_update_yet\":[\"ETH-USD\"]"), h.json());
        assertTrue(h.json().contains("\"stale\":[]"), h.json());
    }

    @Test
    void everyProductUpdatedAndFreshIsHealthy() {
        FeedHealth h = FeedHealth.of(List.of(row("BTC-USD", 12, Duration.ofMillis(300))), NO_REST,
                Duration.ofSeconds(5), CONNECTED);
        assertTrue(h.healthy(), h.json());
        assertEquals("{\"status\":\"ok\",\"products\":1,\"shards\":1,\"max_staleness_seconds\":5.0}", h.json());
    }
}
