package dev.feedctl.sim;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How a simulator run behaves.
 *
 * @param host        bind address; loopback only
 * @param wsPort      0 for an ephemeral port
 * @param restPort    0 for an ephemeral port
 * @param seed        seeds the price walk, so runs are reproducible
 * @param rate        market matches per second across all traded products (each one a ticker frame per subscriber)
 * @param faults      what goes wrong
 * @param trustedKey  the API key JWTs must be signed with, or null when no key is registered
 * @param clock       this machine's clock; a {@link Fault.ClockSkew} is applied on top
 * @param tls         serves wss:// with this context when set (for certificate tests), else ws://
 * @param timings     the exchange's clockwork: real Advanced Trade cadences, or scaled down for fast tests
 * @param replay      serve this recording to every client instead of the simulated market; null for none
 */
public record SimConfig(String host, int wsPort, int restPort, long seed, double rate, Faults faults,
                        TrustedKey trustedKey, Clock clock, SSLContext tls, Timings timings, Replay replay) {

    public static final double DEFAULT_RATE = 20;

    /**
     * The exchange's cadences (docs/protocol.md §2, §3). Tests run a scaled-down exchange; the simulator users run keeps
     * the real ones.
     *
     * @param subscribeDeadline a connection that subscribes to nothing is closed after this
     * @param heartbeatEvery    heartbeats (and the per-second work) come this often
     * @param tradeFlushEvery   market_trades batches go out this often
     * @param tickerBatchEvery  ticker_batch comes this often
     */
    public record Timings(Duration subscribeDeadline, Duration heartbeatEvery, Duration tradeFlushEvery,
                          Duration tickerBatchEvery) {

        public static final Timings REAL = new Timings(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMillis(250), Duration.ofSeconds(5));

        /** Every cadence divided by {@code factor} (10 makes the 5 s deadline 500 ms). */
        public Timings scaledDown(int factor) {
            return new Timings(subscribeDeadline.dividedBy(factor), heartbeatEvery.dividedBy(factor),
                    tradeFlushEvery.dividedBy(factor), tickerBatchEvery.dividedBy(factor));
        }
    }

    /**
     * A recording to serve ({@code feedctl sim --replay}).
     *
     * @param lines the first connection's frames and close, in order
     * @param speed 1 = as recorded, 10 = ten times faster, 0 = as fast as the socket takes them
     */
    public record Replay(java.util.List<dev.feedctl.protocol.RecordedLine> lines, double speed) {

        /** The first connection of a recording's lines (blank lines skipped). */
        public static Replay of(java.util.stream.Stream<String> text, double speed) {
            java.util.List<dev.feedctl.protocol.RecordedLine> lines = new java.util.ArrayList<>();
            String[] connection = {null};
            text.filter(l -> !l.isBlank()).map(l -> dev.feedctl.protocol.RecordedLine.parse(l.strip()))
                    .forEach(l -> {
                        if (connection[0] == null) {
                            connection[0] = l.connection();
                        }
                        if (connection[0].equals(l.connection())) {
                            lines.add(l);
                        }
                    });
            return new Replay(java.util.List.copyOf(lines), speed);
        }
    }

    /** A registered CDP key: its name ({@code kid}/{@code sub}) and public key. */
    public record TrustedKey(String kid, PublicKey key) {
    }

    /** The simulator users run: loopback, free ports, the real cadences, a healthy market from seed 42. */
    public static SimConfig defaults() {
        return listening(0, 0, null);
    }

    /**
     * The defaults, but listening on these loopback ports (0: a free one), and serving wss:// with {@code tls} when it
     * is set. Where the exchange listens is chosen when it is made: the other settings are what it does there.
     */
    public static SimConfig listening(int wsPort, int restPort, SSLContext tls) {
        return new SimConfig("127.0.0.1", wsPort, restPort, 42L, DEFAULT_RATE, Faults.NONE, null, Clock.systemUTC(),
                tls, Timings.REAL, null);
    }

    public SimConfig withFaults(Faults f) {
        return new SimConfig(host, wsPort, restPort, seed, rate, f, trustedKey, clock, tls, timings, replay);
    }

    /** The price walk: where it starts ({@code seed}, so runs can be repeated) and its matches per second. */
    public SimConfig withMarket(long s, double r) {
        return new SimConfig(host, wsPort, restPort, s, r, faults, trustedKey, clock, tls, timings, replay);
    }

    /** The same price walk at another pace. */
    public SimConfig withRate(double r) {
        return withMarket(seed, r);
    }

    public SimConfig withTrustedKey(TrustedKey k) {
        return new SimConfig(host, wsPort, restPort, seed, rate, faults, k, clock, tls, timings, replay);
    }

    public SimConfig withTimings(Timings t) {
        return new SimConfig(host, wsPort, restPort, seed, rate, faults, trustedKey, clock, tls, t, replay);
    }

    public SimConfig withReplay(Replay r) {
        return new SimConfig(host, wsPort, restPort, seed, rate, faults, trustedKey, clock, tls, timings, r);
    }

    /** The exchange's own clock: this machine's, shifted by any clock-skew fault. */
    Clock exchangeClock() {
        return faults.find(Fault.ClockSkew.class).map(s -> Clock.offset(clock, s.offset())).orElse(clock);
    }
}
