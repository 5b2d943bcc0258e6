package dev.feedctl.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.transport.PriceBoard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hook issue 22's trades check calls: counted per subscribed product, and only with --rest-check. */
@Timeout(30)
class MissedTradesTest {

    private static String scrape(MetricsObserver o) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(o.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static MetricsObserver start(boolean restCheck) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        List<String> products = List.of("BTC-USD", "ETH-USD");
        return MetricsObserver.start(new MonitorSettings(new MetricsAddress(MetricsAddress.LOOPBACK, 0), products,
                List.of(products), List.of("heartbeats", "ticker"), Duration.ofSeconds(5), restCheck),
                new PriceBoard(products, clock.instant()), new RestVerdicts(products), clock);
    }

    @Test
    void missedTradesAreCountedPerSubscribedProductAndNothingElseBecomesALabel() throws Exception {
        try (MetricsObserver o = start(true)) {
            assertTrue(scrape(o).contains("feedctl_missed_trades_total{product=\"ETH-USD\"} 0.0"));
            o.missedTrades("BTC-USD", 3);
            o.missedTrades("BTC-USD", 2);
            o.missedTrades("DOGE-USD", 7); // not subscribed: no label the server could multiply
            String text = scrape(o);
            assertTrue(text.contains("feedctl_missed_trades_total{product=\"BTC-USD\"} 5.0"), text);
            assertTrue(text.contains("feedctl_missed_trades_total{product=\"ETH-USD\"} 0.0"), text);
            assertFalse(text.contains("DOGE-USD"), text);
        }
    }

    @Test
    void withoutRestCheckTheRestFamiliesAreAbsent() throws Exception {
        try (MetricsObserver o = start(false)) {
            o.missedTrades("BTC-USD", 3);
            String text = scrape(o);
            assertFalse(text.contains("feedctl_missed_trades_total"), text);
            assertFalse(text.contains("feedctl_rest_deviation_bps"), text);
            assertTrue(text.contains("feedctl_product_age_seconds{product=\"BTC-USD\"} 0.0"), text);
        }
    }
}
