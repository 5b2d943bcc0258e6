package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture under testdata/: valid frames decode clean, invalid ones raise the rule their file names. */
class ProtocolFixturesTest {

    static final Path TESTDATA = Path.of(System.getProperty("feedctl.testdata", "testdata"));
    private final FrameDecoder decoder = new FrameDecoder();

    static Stream<Path> files(String kind) throws IOException {
        try (Stream<Path> all = Files.walk(TESTDATA)) {
            return all.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> p.getParent().getFileName().toString().equals(kind)).sorted().toList().stream();
        }
    }

    static Stream<Path> valid() throws IOException {
        return files("valid");
    }

    static Stream<Path> invalid() throws IOException {
        return files("invalid");
    }

    static Stream<Path> foreign() throws IOException {
        try (Stream<Path> all = Files.walk(TESTDATA.resolve("foreign"))) {
            return all.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void fixturesExistForEveryChannel() throws IOException {
        for (String ch : new String[] {"heartbeats", "candles", "status", "ticker", "ticker_batch", "l2_data",
            "market_trades", "user", "futures_balance_summary", "subscriptions"}) {
            assertTrue(Files.list(TESTDATA.resolve(ch).resolve("valid")).findAny().isPresent(), ch + " valid");
            assertTrue(Files.list(TESTDATA.resolve(ch).resolve("invalid")).findAny().isPresent(), ch + " invalid");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validFramesDecodeWithoutErrors(Path file) throws IOException {
        Decoded d = decoder.decode(Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(d.valid(), () -> file + " should be valid but broke " + d.errors());
        assertEquals(FeedFamily.ADVANCED_TRADE, d.family());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFramesRaiseTheRuleTheirNameGives(Path file) throws IOException {
        String name = file.getFileName().toString().replace(".json", "");
        String rule = name.contains("--") ? name.substring(0, name.indexOf("--")) : name;
        Decoded d = decoder.decode(Files.readString(file, StandardCharsets.UTF_8));
        assertFalse(d.valid(), file + " should be invalid");
        assertTrue(d.errors().stream().anyMatch(v -> v.rule().equals(rule)),
                () -> file + " should raise " + rule + " but raised " + d.errors());
        assertTrue(d.errors().stream().allMatch(v -> v.path().startsWith("$")), "every violation has a JSON path");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreign")
    void foreignFramesAreFingerprinted(Path file) throws IOException {
        FeedFamily expected = FeedFamily.valueOf(file.getParent().getFileName().toString()
                .toUpperCase(Locale.ROOT));
        Decoded d = decoder.decode(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(expected, d.family(), file.toString());
        assertTrue(d.errors().stream().anyMatch(v -> v.rule().equals("frame.foreign-format")));
        assertTrue(d.errors().get(0).message().contains(expected.description()));
    }

    @Test
    void unknownFieldsAndChannelsAreDriftNotErrors() throws IOException {
        Decoded d = decoder.decode(Files.readString(TESTDATA.resolve("ticker/valid/unknown-field-is-drift.json")));
        assertTrue(d.valid());
        assertTrue(d.violations().stream().anyMatch(v -> v.rule().equals("drift.unknown-field")
                && v.path().equals("$.events[0].tickers[0].new_field")), d.violations().toString());
        Decoded u = decoder.decode(Files.readString(TESTDATA.resolve("envelope/valid/unknown-channel-is-drift.json")));
        assertTrue(u.violations().stream().anyMatch(v -> v.rule().equals("drift.unknown-channel")));
    }

    @Test
    void everyViolationOfAFrameIsReportedWithItsPath() {
        Decoded d = decoder.decode("{\"channel\":\"ticker\",\"timestamp\":\"x\",\"sequence_num\":1,\"events\":"
                + "[{\"type\":\"update\",\"tickers\":[{\"product_id\":\"BTC-USD\",\"price\":1,\"volume_24_h\":\"1\","
                + "\"low_24_h\":\"1\",\"high_24_h\":\"1\",\"price_percent_chg_24_h\":\"1\",\"best_bid\":\"1\","
                + "\"best_bid_quantity\":\"1\",\"best_ask\":\"z\",\"best_ask_quantity\":\"1\"}]}]}");
        assertEquals(3, d.errors().size(), d.errors().toString());
        assertTrue(d.errors().stream().anyMatch(v -> v.rule().equals("envelope.timestamp-not-timestamp")));
        assertTrue(d.errors().stream().anyMatch(v -> v.rule().equals("ticker.price-not-decimal")
                && v.path().equals("$.events[0].tickers[0].price")));
        assertTrue(d.errors().stream().anyMatch(v -> v.rule().equals("ticker.best_ask-not-decimal")));
    }

    @Test
    void tickerIsTypedWithBigDecimals() throws IOException {
        Decoded d = decoder.decode(Files.readString(TESTDATA.resolve("ticker/valid/update.json")));
        Event.Tickers t = (Event.Tickers) d.data().events().get(0);
        assertEquals(new java.math.BigDecimal("68900.50"), t.tickers().get(0).price());
        assertEquals(12L, d.data().sequenceNum());
        assertEquals(java.time.Instant.parse("2026-04-07T14:30:03Z"), d.data().timestamp());
    }

    @Test
    void l2DataMapsBackToTheLevel2SubscribeName() throws IOException {
        Decoded d = decoder.decode(Files.readString(TESTDATA.resolve("l2_data/valid/update.json")));
        assertEquals("level2", d.data().subscribeName());
        Event.L2 l2 = (Event.L2) d.data().events().get(0);
        assertEquals(Event.Side.OFFER, l2.updates().get(1).side());
        assertEquals(0, l2.updates().get(1).newQuantity().signum());
    }
}
