package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive windows give back exactly what the socket said, whatever form its ids and figures take. */
class FlatWindowsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");

    @Test
    void theIdIndexAgreesWithAMapThroughPutsAndRemovals() {
        IdIndex index = new IdIndex();
        Map<Long, Integer> truth = new HashMap<>();
        Random random = new Random(22);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(5_000) * 1_024L; // clustered keys: long probe runs to shift back
            if (random.nextBoolean()) {
                index.put(key, i);
                truth.put(key, i);
            } else {
                index.remove(key);
                truth.remove(key);
            }
        }
        for (long k = 0; k < 5_000; k++) {
            assertEquals(truth.getOrDefault(k * 1_024, -1), index.get(k * 1_024), "key " + k * 1_024);
        }
    }

    private static Event.MarketTrades trade(String id, String price, String size, String side, Instant at) {
        return new Event.MarketTrades("update", List.of(new Event.Trade(id, "BTC-USD", price == null ? null
                : new BigDecimal(price), new BigDecimal(size), side, at)));
    }

    @Test
    void aKeptTradeComesBackAsTheSocketSaidIt() {
        TradeTape tape = new TradeTape();
        tape.add(trade("42", "100.10", "0.00000001", "SELL", T0));
        tape.add(trade("007", "1E+3", "2", "BUY", T0));
        tape.add(trade("7", null, "3", "buy", T0));
        tape.add(trade("x-9", "123456789012345678901.5", "1", "BUY", T0));
        assertEquals(new TradeTape.Kept("42", new BigDecimal("100.10"), new BigDecimal("0.00000001"), "SELL", T0),
                tape.find("BTC-USD", "42"));
        assertEquals(new BigDecimal("1E+3"), tape.find("BTC-USD", "007").price());
        assertEquals(new TradeTape.Kept("7", null, new BigDecimal("3"), "buy", T0), tape.find("BTC-USD", "7"));
        assertEquals(new BigDecimal("123456789012345678901.5"), tape.find("BTC-USD", "x-9").price());
        assertNull(tape.find("BTC-USD", "43"));
        tape.add(trade("007", "1", "1", "BUY", T0));
        tape.add(trade("42", "1", "1", "BUY", T0));
        assertEquals(2, tape.duplicates(), "007 and 7 are two ids; 42 and 007 came twice");
    }

    @Test
    void theTradeWindowWrapsAndGrowsInOrder() {
        TradeTape tape = new TradeTape();
        // 2,000 a second for 40 s: the ring wraps and grows past its first size many times
        for (int i = 0; i < 80_000; i++) {
            tape.add(trade(Integer.toString(i), "1." + i, "1", "BUY", T0.plusNanos(500_000L * i)));
        }
        assertEquals(new BigDecimal("1.79999"), tape.find("BTC-USD", "79999").price());
        assertEquals(new BigDecimal("1.30000"), tape.find("BTC-USD", "30000").price());
        assertNull(tape.find("BTC-USD", "16000"), "older than the window");
        assertTrue(tape.forgotten("BTC-USD", T0.plusSeconds(8)));
        assertFalse(tape.forgotten("BTC-USD", T0.plusSeconds(12)));
    }

    @Test
    void theTradeWindowKeepsItsTradesAcrossGrowthAndThePositionWrap() {
        TradeRing ring = new TradeRing(Integer.MAX_VALUE - 3_000); // positions pass 2^31 while the ring grows
        for (int i = 0; i < 20_000; i++) {
            assertTrue(ring.offer(1_000_000 + i, trade(Integer.toString(1_000_000 + i), "2." + i, "1", "SELL",
                    T0.plusMillis(i)).trades().get(0)));
            if (ring.size() > 5_000) {
                ring.removeOldest();
            }
        }
        assertEquals(5_000, ring.size());
        assertNull(ring.find(1_014_999), "let go");
        for (int i = 15_000; i < 20_000; i++) {
            TradeTape.Kept k = ring.find(1_000_000 + i);
            assertEquals(new BigDecimal("2." + i), k.price(), "trade " + i);
            assertEquals(T0.plusMillis(i), k.time());
            assertEquals("SELL", k.side());
        }
        assertEquals(FlatValues.nanos(T0.plusMillis(15_000)), ring.oldestTime());
    }

    @Test
    void theTradeWindowAgreesWithAMapThroughGrowthWhereverItsOldestTradeSits() {
        // windows that rise and fall, so the ring fills and grows with its oldest trade at every offset of a chunk
        // (a full ring then shares one chunk between its newest and its oldest trades), positions passing 2^31
        Random random = new Random(2207);
        TradeRing ring = new TradeRing(Integer.MAX_VALUE - 5 * TradeRing.CHUNK - 17);
        java.util.ArrayDeque<Long> kept = new java.util.ArrayDeque<>();
        long next = 5_000_000;
        for (int round = 0; round < 60; round++) {
            int adds = random.nextInt(6 * TradeRing.CHUNK);
            for (int i = 0; i < adds; i++, next++) {
                assertTrue(ring.offer(next, trade(Long.toString(next), "3." + next, "0." + (next % 977 + 1),
                        next % 3 == 0 ? "BUY" : "SELL", T0.plusMillis(next)).trades().get(0)));
                kept.addLast(next);
            }
            int removes = random.nextInt(kept.size() + 1);
            for (int i = 0; i < removes; i++) {
                assertEquals(FlatValues.nanos(T0.plusMillis(kept.peekFirst())), ring.oldestTime());
                assertEquals(FlatValues.nanos(T0.plusMillis(kept.removeFirst())), ring.removeOldest());
            }
            assertEquals(kept.size(), ring.size());
            for (long id : kept) {
                TradeTape.Kept k = ring.find(id);
                assertEquals(new TradeTape.Kept(Long.toString(id), new BigDecimal("3." + id),
                        new BigDecimal("0." + (id % 977 + 1)), id % 3 == 0 ? "BUY" : "SELL", T0.plusMillis(id)), k,
                        "round " + round + ", trade " + id);
            }
            if (!kept.isEmpty()) {
                assertNull(ring.find(kept.peekFirst() - 1), "let go");
            }
        }
    }

    @Test
    void aBookChangeComesBackAsTheSocketSaidIt() {
        ChangeRing ring = new ChangeRing();
        for (int i = 0; i < 1_000; i++) {
            ring.add(T0.plusMillis(i), i % 2 == 0, new BigDecimal("100." + i), i % 3 == 0 ? null
                    : new BigDecimal("0.5"), new BigDecimal(i % 5 == 0 ? "99999999999999999999.25" : "0.25"));
        }
        assertEquals(FlatValues.nanos(T0.plusMillis(699)), ring.removeFirst(700), "the latest time let go");
        assertEquals(0, ring.toForget(1_000, FlatValues.nanos(T0.plusMillis(700))), "none older than 700 ms is left");
        assertEquals(3, ring.toForget(1_000, FlatValues.nanos(T0.plusMillis(703))));
        assertEquals(5, ring.toForget(295, Long.MIN_VALUE), "at most 295 kept");
        ring.add(T0.plusSeconds(2), true, new BigDecimal("1.0"), new BigDecimal("2"), null);
        assertEquals(301, ring.size());
        assertEquals(new SocketBook.Change(T0.plusMillis(702), true, new BigDecimal("100.702"), null,
                new BigDecimal("0.25")), ring.get(2));
        assertEquals(new SocketBook.Change(T0.plusMillis(999), false, new BigDecimal("100.999"), null,
                new BigDecimal("0.25")), ring.get(299));
        assertEquals(new SocketBook.Change(T0.plusMillis(705), false, new BigDecimal("100.705"), null,
                new BigDecimal("99999999999999999999.25")), ring.get(5));
        assertEquals(new SocketBook.Change(T0.plusSeconds(2), true, new BigDecimal("1.0"), new BigDecimal("2"), null),
                ring.get(300));
        assertEquals(FlatValues.nanos(T0.plusMillis(700)), ring.time(0));
    }
}
