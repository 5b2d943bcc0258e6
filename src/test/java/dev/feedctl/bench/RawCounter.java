package dev.feedctl.bench;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The baseline client for scripts/bench: a bare Java-WebSocket client that subscribes like feedctl does (heartbeats
 * and ticker) and only counts frames, or with {@code latency} also notes each ticker's exchange timestamp to receipt.
 * Prints one line: {@code frames=N seconds=S cpu_s=C [p50_us p99_us p999_us]}, all of the measured window.
 * Usage: RawCounter WS_URL WARMUP_S MEASURE_S [latency]
 */
public final class RawCounter extends WebSocketClient {

    private final AtomicLong frames = new AtomicLong();
    private final CountDownLatch open = new CountDownLatch(1);
    private final boolean latency;
    private volatile boolean measuring;
    private final Histogram micros = new Histogram(60_000_000L, 3);

    private RawCounter(URI uri, boolean latency) {
        super(uri);
        this.latency = latency;
        setConnectionLostTimeout(0);
    }

    public static void main(String[] args) throws Exception {
        RawCounter c = new RawCounter(URI.create(args[0]), args.length > 3 && "latency".equals(args[3]));
        c.connectBlocking(5, TimeUnit.SECONDS);
        c.open.await(5, TimeUnit.SECONDS);
        Thread.sleep((long) (Double.parseDouble(args[1]) * 1000));
        c.measuring = true;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long before = c.frames.get();
        long t0 = System.nanoTime();
        Thread.sleep((long) (Double.parseDouble(args[2]) * 1000));
        long n = c.frames.get() - before;
        double seconds = (System.nanoTime() - t0) / 1e9;
        c.measuring = false;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9; // steady state: the measured window only
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "frames=%d seconds=%.3f cpu_s=%.3f", n,
                seconds, cpu));
        if (c.latency) {
            synchronized (c.micros) {
                out.append(String.format(Locale.ROOT, " p50_us=%d p99_us=%d p999_us=%d",
                        c.micros.getValueAtPercentile(50), c.micros.getValueAtPercentile(99),
                        c.micros.getValueAtPercentile(99.9)));
            }
        }
        System.out.println(out);
        c.closeBlocking();
        System.exit(0);
    }

    @Override
    public void onOpen(ServerHandshake h) {
        send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"ticker\"}");
        open.countDown();
    }

    @Override
    public void onMessage(String message) {
        frames.incrementAndGet();
        if (latency && measuring) {
            Instant stamp = Stamps.of(message);
            if (stamp != null) {
                long us = java.time.Duration.between(stamp, Instant.now()).toNanos() / 1000;
                synchronized (micros) {
                    micros.recordValue(Math.max(0, Math.min(us, 60_000_000L)));
                }
            }
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }

    /** The envelope timestamp of a ticker frame, found by text (both sides of the benchmark use this). */
    static final class Stamps {
        private static final String KEY = "\"timestamp\":\"";

        static Instant of(String frame) {
            if (!frame.startsWith("{\"channel\":\"ticker\"")) {
                return null;
            }
            int i = frame.indexOf(KEY);
            int j = i < 0 ? -1 : frame.indexOf('"', i + KEY.length());
            return j < 0 ? null : Instant.parse(frame.substring(i + KEY.length(), j));
        }
    }
}
