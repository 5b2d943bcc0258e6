package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlLintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wss://advanced-trade-ws.coinbase.com|NONE|",
        "wss://advanced-trade-ws-user.coinbase.com|NONE|",
        "ws://127.0.0.1:8080|NONE|",
        "wss://ws-feed.exchange.coinbase.com|WRONG_FEED|legacy Coinbase Exchange feed",
        "wss://ws-feed.pro.coinbase.com|WRONG_FEED|deprecated hostname",
        "wss://ws-feed.gdax.com|WRONG_FEED|retired GDAX host",
        "wss://ws-md.international.coinbase.com|WRONG_FEED|International Exchange (INTX)",
        "wss://ws-feed.prime.coinbase.com|WRONG_FEED|Coinbase Prime",
        "wss://streams.drb.coinbase.com/ws/api/v2|WRONG_FEED|Global Derivatives",
        "wss://advanced-trade-ws-user.coinbase.com/ws/api/v2|WRONG_FEED|JSON-RPC path",
        "wss://advanced-trade-ws.coinbase.com/ws|WARN|host root",
        "wss://api.coinbase.com|WRONG_FEED|REST API host",
        "https://api.coinbase.com|ERROR|HTTP URL, not a WebSocket URL",
        "ws://advanced-trade-ws.coinbase.com|ERROR|clear text",
        "wss://ws.coinbase.com|WARN|not a known Advanced Trade socket host",
    })
    void namesWhatIsWrongWithTheUrl(String url, String level, String words) {
        List<UrlLint.Finding> f = UrlLint.check(URI.create(url), false);
        if ("NONE".equals(level)) {
            assertTrue(f.isEmpty(), f.toString());
            return;
        }
        assertEquals(UrlLint.Level.valueOf(level), f.get(0).level(), f.toString());
        assertTrue(f.get(0).message().contains(words), f.toString());
        assertTrue(f.get(0).fix() != null && !f.get(0).fix().isEmpty());
    }
}
