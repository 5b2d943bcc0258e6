package dev.feedctl.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.sim.ObservedConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grading's rules on their own: reading subscribe messages, the legacy fix, JWT rules, backoff shapes. */
class GradingRulesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static SubscribeReading read(String... texts) {
        return SubscribeReading.of(java.util.Arrays.stream(texts)
                .map(t -> new ObservedConnection.ClientMessage(T, t)).toList());
    }

    @Test
    void theLegacyShapeIsNamedAndItsFixIsTheAdvancedTradeMessages() {
        SubscribeReading r = read("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channels\":"
                + "[\"level2_batch\",\"matches\",\"heartbeat\",{\"name\":\"full\",\"product_ids\":[\"ETH-USD\"]}]}");
        assertTrue(r.legacy());
        assertEquals(0, r.subscribeMessages);
        assertEquals("send one message per channel: "
                + "{\"type\":\"subscribe\",\"channel\":\"level2\",\"product_ids\":[\"ETH-USD\"]} "
                + "{\"type\":\"subscribe\",\"channel\":\"market_trades\",\"product_ids\":[\"ETH-USD\"]} "
                + "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", LegacyFix.messages(r));
    }

    @Test
    void advancedTradeSubscriptionsAreReadPerChannelAndProduct() {
        SubscribeReading r = read("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\","
                + "\"ETH-USD\"]}", "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}",
                "{\"type\":\"unsubscribe\",\"channel\":\"ticker\",\"product_ids\":[\"ETH-USD\"]}",
                "{\"type\":\"subscribe\",\"channel\":\"tickers\",\"product_ids\":[\"btc-usd\"]}");
        assertEquals("ticker BTC-USD, heartbeats", SubscribeReading.describe(r.subscriptions));
        assertEquals(List.of("tickers"), List.copyOf(r.legacyChannels));
        assertEquals(List.of("btc-usd"), List.copyOf(r.badProducts));
    }

    private static String jwt(long nbf, long exp) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(("{\"nbf\":" + nbf + ",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }

    @Test
    void aJwtMustBeUnexpiredAndLiveAtMost120Seconds() {
        long now = T.getEpochSecond();
        assertNull(Tokens.problem(new SubscribeReading.Token(T, jwt(now, now + 120)), null));
        assertEquals("the JWT is valid for 121 s; Coinbase accepts at most 120 s",
                Tokens.problem(new SubscribeReading.Token(T, jwt(now, now + 121)), null));
        assertEquals("the JWT had expired 10 s before it was sent",
                Tokens.problem(new SubscribeReading.Token(T, jwt(now - 130, now - 10)), null));
    }

    @Test
    void backingOffMeansTheLaterWaitsAreLonger() {
        assertTrue(RetryGrading.growing(List.of(ms(200), ms(400), ms(800), ms(1600))));
        assertFalse(RetryGrading.growing(List.of(ms(1000), ms(1000), ms(1000))));
        assertFalse(RetryGrading.growing(List.of(ms(500))));
    }

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }
}
