package dev.feedctl.sim;

import java.security.PublicKey;
import java.time.Clock;
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
 */
public record SimConfig(String host, int wsPort, int restPort, long seed, double rate, Faults faults,
                        TrustedKey trustedKey, Clock clock, SSLContext tls) {

    public static final double DEFAULT_RATE = 20;

    /** A registered CDP key: its name ({@code kid}/{@code sub}) and public key. */
    public record TrustedKey(String kid, PublicKey key) {
    }

    public static SimConfig defaults() {
        return new SimConfig("127.0.0.1", 0, 0, 42L, DEFAULT_RATE, Faults.NONE, null, Clock.systemUTC(), null);
    }

    public SimConfig withFaults(Faults f) {
        return new SimConfig(host, wsPort, restPort, seed, rate, f, trustedKey, clock, tls);
    }

    public SimConfig withPorts(int ws, int rest) {
        return new SimConfig(host, ws, rest, seed, rate, faults, trustedKey, clock, tls);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(host, wsPort, restPort, s, rate, faults, trustedKey, clock, tls);
    }

    public SimConfig withRate(double r) {
        return new SimConfig(host, wsPort, restPort, seed, r, faults, trustedKey, clock, tls);
    }

    public SimConfig withTrustedKey(TrustedKey k) {
        return new SimConfig(host, wsPort, restPort, seed, rate, faults, k, clock, tls);
    }

    public SimConfig withTls(SSLContext context) {
        return new SimConfig(host, wsPort, restPort, seed, rate, faults, trustedKey, clock, context);
    }

    /** The exchange's own clock: this machine's, shifted by any clock-skew fault. */
    Clock exchangeClock() {
        return faults.find(Fault.ClockSkew.class).map(s -> Clock.offset(clock, s.offset())).orElse(clock);
    }
}
