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
    private final Stamps.Log pairs = new Stamps.Log();
    private boolean pairing;
    /** The close, as {@code CODE:REASON} without spaces, when the server closed this client; null while open. */
    private volatile String closed;

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
        if (c.closed != null) { // a window with no frames because the connection ended is no measurement
            out.append(" closed=").append(c.closed);
        }
        if (pairsFile != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(pairsFile), c.pairs.lines());
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
            long key = Stamps.keyOf(message);
            if (key != 0) {
                pairs.add(key, Stamps.epochMicros(Instant.now()));
            }
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closed = code + ":" + (reason == null ? "" : reason.replaceAll("\\s+", "_"));
    }

    @Override
    public void onError(Exception ex) {
    }

    /** What both sides of the latency benchmark read from a ticker frame, by text. */
    static final class Stamps {
        /**
         * A ticker frame's events as a 64-bit hash (0: not a ticker frame). The events are the same for every
         * connection that receives that tick; the envelope (timestamp, sequence) is not.
         */
        static long keyOf(String frame) {
            if (!frame.startsWith("{\"channel\":\"ticker\"")) {
                return 0;
            }
            int i = frame.indexOf("\"events\":");
            if (i < 0) {
                return 0;
            }
            long h = 1125899906842597L;
            for (int k = i; k < frame.length(); k++) {
                h = 31 * h + frame.charAt(k);
            }
            return h == 0 ? 1 : h;
        }

        /**
         * Keys and times in primitive arrays: a log of hundreds of thousands of frames that gives the collector
         * nothing to copy, so its pauses do not land in the latencies it records.
         */
        static final class Log {
            private long[] keys = new long[1 << 16];
            private long[] times = new long[1 << 16];
            private int size;

            synchronized void add(long key, long time) {
                if (size == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, size * 2);
                    times = java.util.Arrays.copyOf(times, size * 2);
                }
                keys[size] = key;
                times[size] = time;
                size++;
            }

            synchronized java.util.Map<Long, Long> byKey() {
                java.util.Map<Long, Long> m = new java.util.HashMap<>(2 * size);
                for (int i = 0; i < size; i++) {
                    m.put(keys[i], times[i]);
                }
                return m;
            }

            /** {@code time<TAB>key} per entry, for the file another process reads. */
            synchronized List<String> lines() {
                List<String> out = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    out.add(times[i] + "\t" + keys[i]);
                }
                return out;
            }
        }

        static long epochMicros(Instant t) {
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        }
    }
}
