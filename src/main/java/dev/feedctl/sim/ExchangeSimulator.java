package dev.feedctl.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;

/**
 * An in-process Coinbase Advanced Trade exchange on loopback: WebSocket market data plus the REST price
 * endpoints, fed by one seeded market, with faults as data. Shaped like OkHttp's MockWebServer.
 */
public final class ExchangeSimulator implements Closeable {

    /** The port could not be bound. */
    public static final class PortInUseException extends IOException {
        private final int port;

        PortInUseException(int port, Throwable cause) {
            super("port " + port + " is already in use", cause);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    private final SimContext ctx;
    private final ScheduledExecutorService timers;
    private final ExecutorService restWorkers;
    private final MarketPump pump;
    private SimSocketServer socket;
    private HttpServer refusing;
    private HttpServer rest;
    private URI wsUri;
    private URI restUri;

    private ExchangeSimulator(SimConfig config) {
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("feedctl-sim-timers"));
        this.restWorkers = Executors.newFixedThreadPool(2, daemon("feedctl-sim-rest"));
        this.ctx = new SimContext(config, timers);
        this.pump = new MarketPump(ctx);
    }

    public static ExchangeSimulator start(SimConfig config) throws IOException {
        warmDateHeaders();
        ExchangeSimulator sim = new ExchangeSimulator(config);
        try {
            sim.startRest();
            sim.startSocket();
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        Thread t = daemon("feedctl-sim-market").newThread(sim.pump);
        t.start();
        return sim;
    }

    /**
     * The socket server's handshake and the HTTP server stamp a {@code Date} header with a zone name ({@code GMT}),
     * whose first use loads the JDK's locale data: ~100 ms that a client of a freshly started simulator saw as a slow
     * upgrade (verify --sim printed "upgrade 99 ms" on loopback); the accept header's SHA-1 loads the security providers.
     * Both are loaded on a thread of its own while the servers start.
     */
    private static void warmDateHeaders() {
        Thread t = new Thread(() -> {
            java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss z",
                    java.util.Locale.US);
            f.setTimeZone(java.util.TimeZone.getTimeZone("GMT"));
            f.format(new java.util.Date());
            try {
                java.security.MessageDigest.getInstance("SHA-1"); // Sec-WebSocket-Accept: the security providers
            } catch (java.security.NoSuchAlgorithmException e) {
                // the handshake will say so itself
            }
        }, "feedctl-sim-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private void startRest() throws IOException {
        rest = bindHttp(ctx.config.restPort());
        new SimRest(ctx).install(rest);
        rest.setExecutor(restWorkers);
        rest.start();
        restUri = URI.create("http://" + ctx.config.host() + ":" + rest.getAddress().getPort());
    }

    private void startSocket() throws IOException {
        var refuse = ctx.faults().find(Fault.RefuseUpgrade.class);
        if (refuse.isPresent()) {
            refusing = bindHttp(ctx.config.wsPort());
            int status = refuse.get().status();
            refusing.createContext("/", ex -> refuse(ex, status));
            refusing.setExecutor(restWorkers);
            refusing.start();
            wsUri = URI.create("ws://" + ctx.config.host() + ":" + refusing.getAddress().getPort());
            return;
        }
        socket = new SimSocketServer(new InetSocketAddress(ctx.config.host(), ctx.config.wsPort()), ctx);
        if (ctx.config.tls() != null) {
            socket.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(ctx.config.tls()));
        }
        try {
            socket.startAndWait();
        } catch (BindException e) {
            throw new PortInUseException(ctx.config.wsPort(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        wsUri = URI.create((ctx.config.tls() == null ? "ws://" : "wss://") + ctx.config.host() + ":"
                + socket.getPort());
    }

    private HttpServer bindHttp(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(ctx.config.host(), port), 50);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
    }

    private static void refuse(HttpExchange ex, int status) throws IOException {
        try (ex) {
            byte[] body = (status == 429
                    ? "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}"
                    : status == 503 ? "{\"error\":\"UNAVAILABLE\",\"message\":\"Service Unavailable\"}"
                    : "{\"error\":\"NOT_FOUND\",\"message\":\"Not Found\"}").getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
                ex.getResponseHeaders().set("Retry-After", "1");
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    public URI wsUri() {
        return wsUri;
    }

    public URI restUri() {
        return restUri;
    }

    /** The next frame a client sent, oldest first, or null after {@code timeout}. */
    public String takeClientFrame(Duration timeout) throws InterruptedException {
        return ctx.clientFrames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the exchange turned JWTs down, in order. */
    public List<String> authRejections() {
        return List.copyOf(ctx.authRejections);
    }

    /**
     * Faults for the connections opened from now on (those already open keep theirs): a reconnecting client meets
     * the new behaviour. Upgrade refusal is decided at start and cannot change.
     */
    public void setFaults(Faults faults) {
        ctx.setFaults(faults);
    }

    /**
     * Starts (or returns) the observation log: every upgrade from now on, what each client sent and when, who closed.
     * With no registered key, socket JWTs are then taken on trust: the observer grades them instead.
     */
    public synchronized ConnectionLog observe() {
        if (ctx.observations == null) {
            ctx.acceptUnverifiedTokens = true;
            ctx.observations = new ConnectionLog(ctx.config.clock());
        }
        return ctx.observations;
    }

    /** Upgrades from now on pass this gate (null: all let in). Needs {@link #observe} first. */
    public void setUpgradeGate(UpgradeGate gate) {
        ctx.upgradeGate = gate;
    }

    /** Closes every open connection with this close frame now; returns how many. */
    public int closeAll(int code, String reason) {
        return each(o -> o.close(code, reason));
    }

    /** Drops every open connection's TCP without a close frame now (clients see 1006); returns how many. */
    public int dropAll() {
        return each(FrameSender::drop);
    }

    /** Every open connection goes silent now (or only its data, heartbeats going on), socket left open. */
    public int stallAll(boolean dataOnly) {
        return each(o -> o.stallNow(dataOnly));
    }

    private int each(java.util.function.Consumer<FrameSender> action) {
        int n = 0;
        for (SimContext.Session s : ctx.sessions) {
            if (s.outlet() != null) {
                action.accept(s.outlet());
                n++;
            }
        }
        return n;
    }

    /** Trades the drop-trades fault kept off the socket (the latest 10,000), oldest first. */
    public List<LostTrade> tradesNotSent() {
        return ctx.tradesNotSent.stream().map(t -> new LostTrade(Long.toString(t.tradeId()), t.productId(), t.time()))
                .toList();
    }

    /** Frames sent to clients so far, every connection together (what a complete recording must hold). */
    public long framesSent() {
        return ctx.framesSent.get();
    }

    public int openConnections() {
        return ctx.sessions.size();
    }

    @Override
    public void close() {
        pump.stop();
        if (socket != null) {
            try {
                socket.stopPromptly(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (refusing != null) {
            refusing.stop(0);
        }
        if (rest != null) {
            rest.stop(0);
        }
        timers.shutdownNow();
        restWorkers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
