package dev.feedctl.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NotationTest {

    @Test
    void figuresByNameReadTheSameWhateverMapHeldThem() {
        Map<String, Object> counts = new HashMap<>(Map.of("ETH-USD", 198L, "BTC-USD", 200L, "SOL-USD", 7L));
        assertEquals("BTC-USD 200, ETH-USD 198, SOL-USD 7", Notation.byName(counts));
        assertEquals("BTC-USD 6 ms, ETH-USD 1.5 s", Notation.byName(Map.of("ETH-USD", Duration.ofMillis(1500),
                "BTC-USD", Duration.ofMillis(6))));
        assertEquals("none", Notation.byName(Map.of()));
        assertEquals("heartbeats, ticker", Notation.names(List.of("ticker", "heartbeats")));
    }

    @Test
    void bpsReadAsBasisPointsToATenth() {
        assertEquals("50 bps", Notation.bps(50.0));
        assertEquals("12.5 bps", Notation.bps(12.5));
        assertEquals("0 bps", Notation.bps(new BigDecimal("0.04")));
        assertEquals("199.8 bps", Notation.bps(new BigDecimal("199.7612")));
    }

    @Test
    void oneStyleForASpan() {
        assertEquals("850 ms", Notation.duration(Duration.ofMillis(850)));
        assertEquals("1.5 s", Notation.duration(Duration.ofMillis(1500)));
        // beyond a limit, a figure never reads as the limit itself
        assertEquals("2040 ms", Notation.beyond(Duration.ofMillis(2040), Duration.ofSeconds(2)));
        assertEquals("2.1 s", Notation.beyond(Duration.ofMillis(2060), Duration.ofSeconds(2)));
        assertEquals("2.0 s", Notation.beyond(Duration.ofMillis(2000), Duration.ofSeconds(2)));
        assertEquals("850 ms", Notation.beyond(Duration.ofMillis(850), Duration.ofSeconds(2)));
    }

    /** The message for a too-long duration suggests a value: that value must itself be accepted. */
    @Test
    void theLongestDurationSuggestedIsOneTheParserAccepts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Notation.parseDuration("99999999h"));
        Matcher m = Pattern.compile("at most (\\S+)$").matcher(e.getMessage());
        assertEquals(true, m.find(), e.getMessage());
        assertEquals(Notation.LONGEST, Notation.parseDuration(m.group(1)));
    }
}
