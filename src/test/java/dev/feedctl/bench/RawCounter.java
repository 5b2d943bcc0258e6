package dev.feedctl.bench;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The baseline client for scripts/bench: a bare Java-WebSocket client that subscribes like feedctl does (heartbeats
 * and ticker) and only counts frames. Prints one line: {@code frames=N seconds=S cpu_s=C} of the measured window.
 * With {@code pairs=FILE} it also writes, for each ticker frame of the window, its receipt time (epoch microseconds)
 * and its events text, so that another client's receipt of the very same frames can be paired with it.
 * Usage: RawCounter WS_URL WARMUP_S MEASURE_S [pairs=FILE]
 */
public final class RawCounter extends WebSocketClient {

    private final AtomicLong frames = new AtomicLong();
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile boolean measuring;
    private final List<String> pairs = java.util.Collections.synchronizedList(new ArrayList<>());
    private boolean pairing;

    private RawCounter(URI uri) {
        super(uri);
        setConnectionLostTimeout(0);
    }

    public static void main(String[] args) throws Exception {
        RawCounter c = new RawCounter(URI.create(args[0]));
        String pairsFile = args.length > 3 && args[3].startsWith("pairs=") ? args[3].substring(6) : null;
        c.pairing = pairsFile != null;
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
        if (pairsFile != null) {
            synchronized (c.pairs) {
                java.nio.file.Files.write(java.nio.file.Path.of(pairsFile), c.pairs);
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
        if (pairing && measuring) {
            String key = Stamps.eventsOf(message);
            if (key != null) {
                pairs.add(Stamps.epochMicros(Instant.now()) + "\t" + key);
            }
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }

    /** What both sides of the latency benchmark read from a ticker frame, by text. */
    static final class Stamps {
        /** A ticker frame's events, as text: the same for every connection that receives that tick. */
        static String eventsOf(String frame) {
            if (!frame.startsWith("{\"channel\":\"ticker\"")) {
                return null;
            }
            int i = frame.indexOf("\"events\":");
            return i < 0 ? null : frame.substring(i);
        }

        static long epochMicros(Instant t) {
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        }
    }
}
