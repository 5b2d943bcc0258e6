package dev.feedctl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table rendered into a fixed-size screen from a real {@link PriceBoard}, its contents read back as a user would
 * see them. The status line comes from the engine's state, so it is tested through the running command
 * ({@code TailScreenTest}), not from a string this test would make up.
 */
class TailViewTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    /** No --rest-check: REST has said nothing of any product. */
    private static final RestVerdicts NONE = new RestVerdicts(List.of());

    private static Frame.Data ticker(String product, String price, String bid, String ask, String change) {
        Event.Ticker t = new Event.Ticker(product, new BigDecimal(price), null, null, null, null, null,
                new BigDecimal(change), new BigDecimal(bid), null, new BigDecimal(ask), null);
        return new Frame.Data("ticker", null, T0, 1L, List.of(new Event.Tickers("update", List.of(t))));
    }

    private static PriceBoard board() {
        PriceBoard b = new PriceBoard(List.of("BTC-USD", "ETH-USD", "SOL-USD"), T0);
        List<String> recovered = new ArrayList<>();
        b.apply(ticker("BTC-USD", "65000.10", "65000.00", "65000.20", "1.5"), T0.plusSeconds(1), 1, recovered);
        b.apply(ticker("BTC-USD", "65001.10", "65001.00", "65001.20", "1.6"), T0.plusSeconds(9), 1, recovered);
        b.apply(ticker("ETH-USD", "3400.5", "3400.4", "3400.6", "-0.25"), T0.plusSeconds(2), 1, recovered);
        return b;
    }

    private static TailView.Status status() {
        return status("connected");
    }

    private static TailView.Status status(String state) {
        return new TailView.Status("wss://advanced-trade-ws.coinbase.com", state, Duration.ofSeconds(10), 1234, 1, 7,
                false, TailSort.PRODUCT);
    }

    @Test
    void theScreenShowsPricesAndMarksAProductOlderThanMaxStalenessAsStaleWithoutColour() {
        PriceBoard b = board();
        Instant now = T0.plusSeconds(10);
        assertEquals(List.of("ETH-USD", "SOL-USD"), b.newlyStale(now, Duration.ofSeconds(5)));
        List<String> screen = TailView.render(b.rows(now), NONE, status("connected"), 100, 10, false);
        assertEquals(10, screen.size());
        screen.forEach(l -> assertEquals(100, l.length(), "every line exactly the width: '" + l + "'"));
        String btc = line(screen, "BTC-USD");
        assertTrue(btc.contains("65001.1") && btc.contains("65001") && btc.contains("65001.2") && btc.contains("+1.60")
                && btc.contains("live") && !btc.contains("stale"), btc);
        String eth = line(screen, "ETH-USD");
        assertTrue(eth.contains("3400.5") && eth.contains("-0.25") && eth.contains("stale"), eth);
        assertTrue(line(screen, "SOL-USD").contains("stale"), "never updated: stale too");
        assertTrue(screen.get(9).startsWith("q quit"), screen.get(9));
    }

    @Test
    void colourMarksTicksAndDimsStalePrices() {
        PriceBoard b = board();
        Instant now = T0.plusSeconds(10);
        b.newlyStale(now, Duration.ofSeconds(5));
        List<String> screen = TailView.render(b.rows(now), NONE, status("connected"), 120, 8, true);
        assertTrue(line(screen, "BTC-USD").contains("\u001b[32m"), "an up-tick is green");
        assertTrue(line(screen, "ETH-USD").contains("\u001b[2m"), "a stale price is dimmed");
    }

    /** When the REST check stops for good, the column says so instead of keeping REST's last answer on screen. */
    @Test
    void aRestCheckThatFailedShowsFailedNotItsLastAnswer() {
        PriceBoard b = board();
        Instant now = T0.plusSeconds(9);
        RestVerdicts rest = new RestVerdicts(List.of("BTC-USD", "ETH-USD", "SOL-USD"));
        rest.judge(b.row("BTC-USD", now), new dev.feedctl.protocol.LastTrade(T0.plusSeconds(8),
                new BigDecimal("65010.00")));
        String before = line(TailView.render(b.rows(now), rest, status(), 100, 8, false), "BTC-USD");
        assertTrue(before.contains("live Δ1.4"), before);
        rest.failed();
        String after = line(TailView.render(b.rows(now), rest, status(), 100, 8, false), "BTC-USD");
        assertTrue(after.contains("failed") && !after.contains("Δ"), after);
    }

    @Test
    void aSmallScreenSaysHowManyProductsDoNotFitAndNeverScrolls() {
        PriceBoard b = board();
        List<String> screen = TailView.render(b.rows(T0.plusSeconds(3)), NONE, status("connected"), 40, 5,
                false);
        assertEquals(5, screen.size());
        screen.forEach(l -> assertEquals(40, l.length(), l));
        assertTrue(screen.get(3).contains("2 more products"), String.join("\n", screen));
    }

    @Test
    void sortingByAgePutsTheOldestFirst() {
        PriceBoard b = board();
        List<PriceBoard.Row> rows = TailSort.AGE.sorted(b.rows(T0.plusSeconds(10)));
        assertEquals(List.of("SOL-USD", "ETH-USD", "BTC-USD"), rows.stream().map(PriceBoard.Row::product).toList());
        assertFalse(rows.get(0).age().isNegative());
    }

    private static String line(List<String> screen, String product) {
        return screen.stream().filter(l -> l.contains(product)).findFirst()
                .orElseThrow(() -> new AssertionError(product + " not on screen:\n" + String.join("\n", screen)));
    }
}
