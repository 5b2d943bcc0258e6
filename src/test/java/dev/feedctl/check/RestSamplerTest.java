package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampler hands a REST sample over only once the socket's prices are judged past its window. */
class RestSamplerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private static RestSampler.Sample answeredAt(String product, int ms) {
        return new RestSampler.Sample(product, BigDecimal.ONE, T0.plusMillis(ms - 100), T0.plusMillis(ms));
    }

    private static List<String> products(List<RestSampler.Sample> samples) {
        return samples.stream().map(RestSampler.Sample::product).toList();
    }

    @Test
    void handsOverTheClosedWindowsInOrderAndKeepsTheOthersForLater() {
        RestSampler sampler = new RestSampler(null, List.of("A", "B", "C"), 0, Clock.fixed(T0, ZoneOffset.UTC));
        sampler.took(answeredAt("A", 100)); // window closes at 600 ms
        sampler.took(answeredAt("B", 900)); // at 1400 ms
        sampler.took(answeredAt("C", 400)); // at 900 ms
        assertEquals(List.of("A", "C"), products(sampler.closedBy(T0.plusMillis(900))));
        assertEquals(1, sampler.waiting());
        assertEquals(List.of(), products(sampler.closedBy(T0.plusMillis(1399))));
        assertEquals(List.of("B"), products(sampler.closedBy(T0.plusMillis(1400))));
        assertEquals(0, sampler.waiting());
    }

    @Test
    void atTheEndOfTheRunEverySampleIsHandedOver() {
        RestSampler sampler = new RestSampler(null, List.of("A"), 0, Clock.fixed(T0, ZoneOffset.UTC));
        sampler.took(answeredAt("A", 100));
        sampler.took(answeredAt("A", 5000));
        assertEquals(2, sampler.closedBy(null).size());
        assertEquals(0, sampler.waiting());
    }
}
