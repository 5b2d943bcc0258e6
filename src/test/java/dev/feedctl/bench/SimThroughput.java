package dev.feedctl.bench;

import dev.feedctl.protocol.FrameDecoder;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.SimConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Throughput benchmark, run by scripts/bench (never by mvn verify). Every figure is measured in this one run, next
 * to a baseline measured the same way, so the ratios mean something on any machine:
 * <ul>
 * <li>simulator ticker frames/s to one client vs a bare Java-WebSocket server pushing one constant frame;</li>
 * <li>feedctl's decode+validate vs gson's bare parse of the same frames.</li>
 * </ul>
 */
public final class SimThroughput {

    private static final long WARMUP_MS = 1000;
    private static final long MEASURE_MS = 3000;

    public static void main(String[] args) throws Exception {
        String frame = sampleTicker();
        double baseline = baselineServer(frame);
        double simMax = simulator(1_000_000);
        double simTarget = simulator(100_000);
        System.out.printf(Locale.ROOT, "socket  baseline (bare Java-WebSocket server, constant frame): %,.0f frames/s%n",
                baseline);
        System.out.printf(Locale.ROOT, "socket  simulator as fast as it goes:                          %,.0f frames/s"
                + "  ratio %.2f of baseline%n", simMax, simMax / baseline);
        System.out.printf(Locale.ROOT, "socket  simulator --rate 100000:                               %,.0f frames/s"
                + "  ratio %.2f of the asked rate%n", simTarget, simTarget / 100_000);
        double[] client = feedctlClient(1_000_000);
        System.out.printf(Locale.ROOT, "client  feedctl socket + decode + validate, sim flat out:      %,.0f frames/s"
                + "  ratio %.2f of the simulator's flat-out rate (%,.0f dropped by the bounded reader queue)%n",
                client[0], client[0] / simMax, client[1]);
        decodeBench();
    }

    /** feedctl's own path: the read thread enqueues, this thread decodes, validates and tracks every frame. */
    private static double[] feedctlClient(double rate) throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(rate))) {
            var conn = new dev.feedctl.transport.Connector(java.time.Clock.systemUTC())
                    .open(dev.feedctl.transport.ConnectSpec.of(sim.wsUri(), java.time.Duration.ofSeconds(5)));
            var session = new dev.feedctl.transport.FeedSession(conn, null, java.time.Clock.systemUTC());
            session.subscribe(List.of(new dev.feedctl.transport.FeedSession.Subscription("ticker",
                    List.of("BTC-USD"))));
            long warmEnd = System.nanoTime() + 2 * WARMUP_MS * 1_000_000; // C1 warms up slower on this path
            while (System.nanoTime() < warmEnd) {
                session.next(java.time.Duration.ofMillis(10));
            }
            long before = session.ledger().frames();
            long t0 = System.nanoTime();
            long end = t0 + MEASURE_MS * 1_000_000;
            while (System.nanoTime() < end) {
                session.next(java.time.Duration.ofMillis(10));
            }
            double fps = (session.ledger().frames() - before) / ((System.nanoTime() - t0) / 1e9);
            double dropped = conn.stalledNanos() / 1e6;
            session.close();
            return new double[] {fps, dropped};
        }
    }

    private static final class Counter extends WebSocketClient {
        final AtomicLong frames = new AtomicLong();
        final CountDownLatch open = new CountDownLatch(1);
        final String firstMessage;

        Counter(URI uri, String firstMessage) {
            super(uri);
            this.firstMessage = firstMessage;
        }

        @Override
        public void onOpen(ServerHandshake h) {
            if (firstMessage != null) {
                send(firstMessage);
            }
            open.countDown();
        }

        @Override
        public void onMessage(String message) {
            frames.incrementAndGet();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    private static double measure(Counter c) throws InterruptedException {
        Thread.sleep(WARMUP_MS);
        long before = c.frames.get();
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE_MS);
        long n = c.frames.get() - before;
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double simulator(double rate) throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(rate))) {
            Counter c = new Counter(sim.wsUri(), "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],"
                    + "\"channel\":\"ticker\"}");
            c.connectBlocking(5, TimeUnit.SECONDS);
            double r = measure(c);
            c.closeBlocking();
            return r;
        }
    }

    private static double baselineServer(String frame) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<Thread> pushers = new ArrayList<>();
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                Thread t = new Thread(() -> {
                    while (conn.isOpen()) {
                        if (conn instanceof org.java_websocket.WebSocketImpl impl && impl.outQueue.size() > 100_000) {
                            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                            continue;
                        }
                        try {
                            conn.send(frame);
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
                t.setDaemon(true);
                pushers.add(t);
                t.start();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        server.setDaemon(true);
        server.start();
        started.await(5, TimeUnit.SECONDS);
        Counter c = new Counter(URI.create("ws://127.0.0.1:" + server.getPort()), null);
        c.connectBlocking(5, TimeUnit.SECONDS);
        double r = measure(c);
        c.closeBlocking();
        server.stop(500);
        return r;
    }

    private static String sampleTicker() {
        return "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"2026-11-27T21:00:46.931300723Z\","
                + "\"sequence_num\":3,\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\","
                + "\"product_id\":\"BTC-USD\",\"price\":\"68897.53\",\"volume_24_h\":\"0.03446146\",\"low_24_h\":"
                + "\"68897.53\",\"high_24_h\":\"68900.00\",\"low_52_w\":\"68897.53\",\"high_52_w\":\"68900.00\","
                + "\"price_percent_chg_24_h\":\"0.00\",\"best_bid\":\"68897.52\",\"best_bid_quantity\":\"1.50000000\","
                + "\"best_ask\":\"68897.54\",\"best_ask_quantity\":\"0.50000000\"}]}]}";
    }

    /** Decode+validate throughput on one thread vs gson's parse alone (the floor feedctl builds on). */
    private static void decodeBench() {
        String frame = sampleTicker();
        FrameDecoder decoder = new FrameDecoder();
        long sink = 0;
        for (int i = 0; i < 300_000; i++) {
            sink += decoder.decode(frame).violations().size();
            sink += com.google.gson.JsonParser.parseString(frame).getAsJsonObject().size();
        }
        int n = 1_000_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += com.google.gson.JsonParser.parseString(frame).getAsJsonObject().size();
        }
        double gson = n / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += decoder.decode(frame).violations().size();
        }
        double ours = n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "decode  baseline (gson parse only):                            %,.0f frames/s%n",
                gson);
        System.out.printf(Locale.ROOT, "decode  feedctl decode + validate:                             %,.0f frames/s"
                + "  ratio %.2f of baseline (%d)%n", ours, ours / gson, sink % 2);
    }
}
