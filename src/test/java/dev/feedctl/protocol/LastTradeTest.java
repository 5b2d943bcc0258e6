package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one reader of REST's trades and the one dead-or-quiet rule, on the exchange's clock. */
class LastTradeTest {

    private static LastTrade of(String json) {
        return LastTrade.of(Json.parse(json).getAsJsonObject());
    }

    @Test
    void theNewestTradeIsTakenWhateverTheOrder() {
        LastTrade t = of("{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"1\"},"
                + "{\"time\":\"2026-04-07T00:28:59.5Z\",\"price\":\"2.5\"},{\"time\":\"nonsense\",\"price\":\"3\"}]}");
        assertEquals(Instant.parse("2026-04-07T00:28:59.5Z"), t.at());
        assertEquals(new BigDecimal("2.5"), t.price());
    }

    @Test
    void anAbsurdPriceIsDroppedNotUsed() {
        LastTrade t = of("{\"trades\":[{\"time\":\"2026-04-07T00:28:58Z\",\"price\":\"1E+999999999\"}]}");
        assertEquals(Instant.parse("2026-04-07T00:28:58Z"), t.at());
        assertNull(t.price());
    }

    @Test
    void noTradesListedIsQuietAndAnAnswerThatCannotSayIsNothing() {
        assertSame(LastTrade.NONE, of("{\"trades\":[]}"));
        assertFalse(LastTrade.NONE.showsTradeAfter(Instant.EPOCH));
        assertNull(of("{\"error\":\"x\"}"));
        assertNull(of("{\"trades\":[{\"price\":\"1\"}]}"));
    }

    @Test
    void deadOnlyWhenRestShowsATradeAfterTheSocketsLastUpdate() {
        LastTrade t = new LastTrade(Instant.parse("2026-04-07T00:00:10Z"), BigDecimal.ONE);
        assertTrue(t.showsTradeAfter(Instant.parse("2026-04-07T00:00:09Z")));
        assertFalse(t.showsTradeAfter(Instant.parse("2026-04-07T00:00:10Z")));
        assertEquals(1000, t.newerThan(Instant.parse("2026-04-07T00:00:09Z")).toMillis());
    }
}
