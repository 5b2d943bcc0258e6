package dev.feedctl.check;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.transport.ConnectSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What verify (and probe) check, and how strictly.
 *
 * @param channels       subscribe names, heartbeats included unless turned off
 * @param products       product ids as given (aliases are mapped before comparing)
 * @param key            CDP key or null
 * @param restBudget     REST requests per second at most
 */
public record CheckSettings(ConnectSpec connect, URI rest, List<String> channels, List<String> products, CdpKey key,
                             Duration duration, int minMessages, double maxDeviationBps, Duration maxStaleness,
                             double restBudget) {

    /** The checks read the settings too: copies, so no check changes what the next one is asked to judge. */
    public CheckSettings {
        channels = List.copyOf(channels);
        products = List.copyOf(products);
    }

    public static final double DEFAULT_REST_BUDGET = 5;
    public static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /** REST may lag the socket by about a second (docs/protocol.md §7): compare within this window around a sample. */
    public static final Duration REST_LAG = Duration.ofMillis(1500);
    /**
     * How often verify judges REST's trades and books as they come: small beside REST's lag, rare beside frames. A
     * REST book is first looked at by rewinding the socket's book over the changes since REST's time, in code that runs
     * too rarely to be compiled: the sooner the look, the fewer changes (at 50 ms, ~1 ms a look at 16,000 changes/s).
     */
    static final Duration AUDIT_DRAIN = Duration.ofMillis(20);

    /** Channels that stream updates for their products; ticker_batch does too, but only every 5 s. */
    static final List<String> STREAMING = List.of("ticker", "level2", "market_trades", "candles");
    static final Duration TICKER_BATCH_EVERY = Duration.ofSeconds(5);

    public boolean heartbeats() {
        return channels.contains("heartbeats");
    }

    boolean streamsProducts() {
        return channels.stream().anyMatch(STREAMING::contains);
    }

    /** ticker_batch is the only product stream: 5 s apart, so limits meant for live channels must stretch. */
    boolean onlyTickerBatch() {
        return !streamsProducts() && channels.contains("ticker_batch");
    }
}
