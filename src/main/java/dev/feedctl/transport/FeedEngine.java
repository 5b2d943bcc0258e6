package dev.feedctl.transport;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.ServerErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A feed that stays live: the products spread over shards (one connection each at a time), and per shard a loop of
 * connect, subscribe with a fresh JWT, check every acknowledgement, read, and on any close, failed connect or stall
 * (the {@link FeedLoop} watchdog) report the outage once and connect again after a jittered backoff that honours
 * Retry-After. A first connection that fails for a reason retrying cannot fix ends the run at once instead.
 * Everything is told to a {@link Listener}, from the shards' threads.
 */
public final class FeedEngine {

    /**
     * @param perConnection    products per connection (level2 is held to {@link #LEVEL2_PER_CONNECTION} regardless)
     * @param heartbeatTimeout no heartbeat this long (heartbeats subscribed): the connection is dead
     * @param stallTimeout     no frame at all this long: the connection is dead
     * @param maxReconnects    attempts allowed per outage; null: never give up
     */
    public record Settings(ConnectSpec connect, CdpKey key, List<String> channels, List<String> products,
                           int perConnection, Duration heartbeatTimeout, Duration stallTimeout, Integer maxReconnects) {
    }

    /** Coinbase refuses more level2 products on one connection (docs/protocol.md §4: ~16 accepted, 32 rejected). */
    public static final int LEVEL2_PER_CONNECTION = 16;

    /** Opens sockets: the {@link Connector} in production, a fake in tests. */
    public interface Dialer {
        FrameSource open(ConnectSpec spec) throws ConnectFailure, InterruptedException;
    }

    /** Time and waiting: the real clock in production; tests drive it by hand, so backoff is tested without sleeping. */
    public interface Pacer {
        Instant now();

        void sleep(Duration d) throws InterruptedException;

        Pacer SYSTEM = new Pacer() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.max(0, d.toMillis()), (int) (d.toNanosPart() % 1_000_000));
            }
        };
    }

    /** One live connection of a shard. {@code reconnect} counts the shard's connections before this one. */
    public record Link(int shard, long connection, int reconnect, List<String> products, FeedSession session,
                       Instant opened) {
    }

    /** What the engine tells; called from the shards' threads, so implementations must be thread-safe. */
    public interface Listener {
        /** Every channel of the link was acknowledged: the shard is live. */
        default void connected(Link link) {
        }

        /** Every frame, heartbeats and acknowledgements included, in arrival order per link. */
        default void frame(Link link, FeedSession.Received r) {
        }

        /** The link's socket ended: the server's close, or feedctl's own after a stall or an error frame. */
        default void closed(Link link, CloseInfo close) {
        }

        /** A sequence gap (or duplicate, regression) within one connection: counted exactly. */
        default void gap(Link link, SequenceTracker.Anomaly a) {
        }

        /** A shard's connection is known dead (or could not be opened). */
        default void down(int shard, String cause) {
        }

        /**
         * {@link #down(int, String)} with the outage kind ({@link Outage#kind}) and the close code when a close ended
         * it: what a fixed set of causes (metrics labels) is made from, never the words.
         */
        default void down(int shard, String kind, Integer closeCode, String cause) {
            down(shard, cause);
        }

        /** The shard connects again after {@code wait}: attempt {@code attempt} of this outage. */
        default void retrying(int shard, int attempt, Duration wait, String lastCause) {
        }

        /** An outage ended (restored), or feedctl gave up on it. Once per outage. */
        default void outage(Outage o) {
        }

        /** A shard has nothing more queued right now: a good moment to flush output. */
        default void drained() {
        }
    }

    /** Why the run ended by itself: the exit code's stage and the diagnosis. */
    public record Ending(Stage stage, String message, List<Phase> phases) {
        /** INTERNAL: a bug in feedctl (exit 70), never blamed on the feed. */
        public enum Stage { CONNECTION, AUTH, PROTOCOL, INTERNAL }
    }

    private static final Duration TICK = Duration.ofMillis(100);

    private final Settings settings;
    private final Dialer dialer;
    private final Pacer pacer;
    private final Supplier<Backoff> backoffs;
    private final Listener listener;
    private final Clock clock;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final CountDownLatch over = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;
    private volatile boolean persistent;

    public FeedEngine(Settings settings, Dialer dialer, Pacer pacer, Supplier<Backoff> backoffs, Listener listener) {
        this.settings = settings;
        this.dialer = dialer;
        this.pacer = pacer;
        this.backoffs = backoffs;
        this.listener = listener;
        this.clock = Clock.systemUTC();
    }

    /** The products of each shard, in order: chunks of the per-connection limit (16 when level2 is subscribed). */
    public static List<List<String>> shards(List<String> channels, List<String> products, int perConnection) {
        int limit = Math.max(1, channels.contains("level2") ? Math.min(perConnection, LEVEL2_PER_CONNECTION)
                : perConnection);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < products.size(); i += limit) {
            out.add(List.copyOf(products.subList(i, Math.min(products.size(), i + limit))));
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /** Runs until {@link #stop} (returns null) or until a shard ends the run (returns why). */
    public Ending run() throws InterruptedException {
        List<List<String>> shards = shards(settings.channels(), settings.products(), settings.perConnection());
        for (int i = 0; i < shards.size(); i++) {
            int shard = i;
            List<String> products = shards.get(i);
            Thread t = new Thread(() -> runShard(shard, products), "feedctl-shard-" + shard);
            t.setDaemon(true);
            threads.add(t);
        }
        for (int i = 0; i < threads.size() && !stopped; i++) {
            threads.get(i).start();
            if (i + 1 < threads.size()) {
                pacer.sleep(Duration.ofMillis(150)); // Coinbase allows a few new connections a second per IP
            }
        }
        over.await();
        stopped = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            t.join(2000);
        }
        return ending.get();
    }

    /**
     * A service ({@code feedctl monitor}) never ends by itself: causes that end a first connection (an unknown host,
     * a refused upgrade, a rejected key, a legacy feed) become outages retried with backoff like any other, until
     * {@code maxReconnects}. Call before {@link #run}.
     */
    public void persist() {
        persistent = true;
    }

    /**
     * Ends the run without cutting off what was already read: each shard sends its close, stops reconnecting, and
     * hands every frame it had read to the listener until the connection's end, for {@code grace} at most; then
     * {@link #stop}. (Frames still arriving after the close are not decoded by Java-WebSocket: WebSocketImpl.decode
     * reads only while OPEN.)
     */
    public void drainAndStop(Duration grace) throws InterruptedException {
        draining = true;
        long end = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(threads)) {
            long left = end - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
        stop();
    }

    private volatile boolean draining;

    /** Ends the run: every socket is closed, {@link #run} returns null. */
    public void stop() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        over.countDown();
    }

    private void end(Ending e) {
        if (ending.compareAndSet(null, e)) {
            over.countDown();
        }
    }

    /** What a shard knows about its current outage. */
    private static final class Down {
        long connection;
        String kind;
        String cause;
        Integer closeCode;
        Instant lastFrameAt;
        Instant detectedAt;
        int attempts;
        long gaps;
        long missing;
        long lastSequence = -1;
    }

    private void runShard(int shard, List<String> products) {
        try {
            shardLoop(shard, products);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // never a shard that dies silently while the others go on
            end(new Ending(Ending.Stage.INTERNAL, "shard " + shard + " failed: " + e, List.of()));
        }
    }

    /** What one shard knows across its connections. */
    private static final class Shard {
        final int index;
        final List<String> products;
        final Backoff backoff;
        boolean everLive;
        Down down;
        int reconnect;

        Shard(int index, List<String> products, Backoff backoff) {
            this.index = index;
            this.products = products;
            this.backoff = backoff;
        }

        Down down(Instant now) {
            if (down == null) {
                down = new Down();
                down.detectedAt = now;
            }
            return down;
        }
    }

    /** How a connection that was open ended; {@code code} when the socket closed, null when feedctl closed it. */
    private record Death(String kind, String cause, Integer code, Instant liveSince) {
    }

    private void shardLoop(int index, List<String> products) throws InterruptedException {
        Shard shard = new Shard(index, products, backoffs.get());
        List<FeedSession.Subscription> subs = settings.channels().stream()
                .map(c -> new FeedSession.Subscription(c, Channels.PRODUCTLESS.contains(c) ? List.of() : products))
                .toList();
        JwtSigner signer = settings.key() == null ? null : new JwtSigner(settings.key(), clock);
        while (!stopped && !draining) {
            FrameSource conn;
            try {
                conn = dialer.open(settings.connect());
            } catch (ConnectFailure f) {
                if (stopped || !failedToConnect(shard, f)) {
                    return;
                }
                continue;
            }
            FeedSession session = new FeedSession(conn, signer, clock);
            Link link = new Link(index, connectionIds.incrementAndGet(), shard.reconnect++, products, session,
                    pacer.now());
            Death death;
            FeedLoop loop;
            try {
                session.subscribe(subs); // the loop watches what was subscribed: made after it
                loop = new FeedLoop(session, watch());
                death = read(shard, link, conn, loop);
            } finally {
                session.close();
            }
            if (death == null || stopped || draining) {
                return;
            }
            Instant now = pacer.now();
            if (death.code() == null) { // feedctl ended it: a stall, an error frame
                listener.closed(link, new CloseInfo(1000, death.cause(), false, Duration.between(link.opened(), now)));
            }
            if (death.liveSince() != null) {
                shard.backoff.healthyFor(Duration.between(death.liveSince(), now));
            }
            if (shard.down == null) { // the outage begins with this connection: what it saw is known exactly
                Down d = shard.down(now);
                d.connection = link.connection();
                d.lastFrameAt = session.ledger().tally().frames() == 0 ? null : loop.lastFrame();
                SequenceTracker.Counts seq = session.ledger().sequence().counts();
                d.gaps = seq.gaps();
                d.missing = seq.missing();
                d.lastSequence = seq.last();
            }
            shard.down.kind = death.kind();
            shard.down.cause = death.cause();
            shard.down.closeCode = death.code();
            shard.down.attempts++;
            listener.down(index, death.kind(), death.code(), death.cause());
            if (!retry(index, shard.down, shard.backoff, null)) {
                return;
            }
        }
    }

    private FeedLoop.Watch watch() {
        return new FeedLoop.Watch(settings.connect().timeout(),
                settings.channels().contains(Channels.HEARTBEATS) ? settings.heartbeatTimeout() : null,
                settings.stallTimeout());
    }

    /** A connect that failed: the run ends (fatal, or attempts used up: false) or the shard tries again (true). */
    private boolean failedToConnect(Shard shard, ConnectFailure f) throws InterruptedException {
        Phase failed = f.failed();
        if (!shard.everLive && !persistent && fatal(failed)) {
            end(new Ending(Ending.Stage.CONNECTION, "cannot connect to " + settings.connect().uri() + ": "
                    + failed.cause(), f.phases()));
            return false;
        }
        String status = failed.facts().get("status");
        Down down = shard.down(pacer.now());
        down.kind = status != null ? "refused" : "connect";
        down.cause = status != null ? "upgrade refused with HTTP " + status + retryAfterText(failed)
                : failed.name() + ": " + failed.cause();
        down.attempts++;
        listener.down(shard.index, down.kind, null, down.cause);
        return retry(shard.index, down, shard.backoff, retryAfter(failed));
    }

    /**
     * Reads a subscribed connection until it dies (returns how) or the run ends (null: stopped, or a cause retrying
     * cannot fix, already reported through {@link #end}).
     */
    private Death read(Shard shard, Link link, FrameSource conn, FeedLoop loop) throws InterruptedException {
        FeedSession session = link.session();
        Instant liveSince = null;
        long anomalies = 0;
        boolean closing = false;
        while (!stopped) {
            if (draining && !closing) {
                conn.beginClose();
                closing = true;
            }
            FeedEvent ev = loop.next(Duration.ZERO);
            if (ev == null) {
                listener.drained();
                ev = loop.next(TICK);
                if (ev == null) {
                    continue;
                }
            }
            if (ev.frame() != null) {
                listener.frame(link, ev.frame());
                SequenceTracker seq = session.ledger().sequence();
                if (seq.anomalyCount() > anomalies) { // one frame adds at most one: every one is told
                    anomalies = seq.anomalyCount();
                    listener.gap(link, seq.latest());
                }
            }
            if (ev instanceof FeedEvent.Acknowledged && liveSince == null && session.unacknowledged().isEmpty()) {
                liveSince = pacer.now();
                shard.everLive = true;
                if (shard.down != null) {
                    listener.outage(outage(shard.index, shard.down, liveSince));
                    shard.down = null;
                }
                listener.connected(link);
            } else if (ev instanceof FeedEvent.ServerError e) {
                ServerErrors.Explanation x = CdpKey.explain(e.error(), settings.channels(), settings.key());
                if (!shard.everLive && !persistent) {
                    end(new Ending(x.authProblem() ? Ending.Stage.AUTH : Ending.Stage.PROTOCOL, x.text(), List.of()));
                    return null;
                }
                return new Death("server-error", "server error: " + x.text(), null, liveSince);
            } else if (ev instanceof FeedEvent.ForeignFormat f) {
                if (persistent) {
                    return new Death("server-error", "the server speaks the " + f.foreign().family().description(),
                            null, liveSince);
                }
                end(new Ending(Ending.Stage.PROTOCOL, "the server speaks the " + f.foreign().family().description()
                        + ": " + f.foreign().family().advice(), List.of()));
                return null;
            } else if (ev instanceof FeedEvent.Closed c) {
                CloseInfo ci = c.close();
                listener.closed(link, ci);
                String known = ci.knownCause(true, conn.sizes());
                if (!shard.everLive && !persistent && fatalClose(ci)) {
                    end(new Ending(Ending.Stage.CONNECTION, "connection closed by " + ci.side() + ": " + ci.codeAndReason()
                            + (known == null ? "" : "; " + known), List.of()));
                    return null;
                }
                return new Death("close", "close " + ci.code() + (ci.reason().isEmpty() ? "" : " " + ci.reason())
                        + " by " + ci.side() + (known == null ? "" : "; " + known), ci.code(), liveSince);
            } else if (ev instanceof FeedEvent.Stalled st) {
                return new Death(st.kind() == FeedEvent.Stalled.Kind.NO_ACK ? "no-ack" : "stall", st.describe(), null,
                        liveSince);
            }
        }
        return null;
    }

    /** Waits before the next attempt, or gives up (false) when --max-reconnects is used up. */
    private boolean retry(int shard, Down down, Backoff backoff, Duration retryAfter) throws InterruptedException {
        if (settings.maxReconnects() != null && down.attempts > settings.maxReconnects()) {
            listener.outage(outage(shard, down, null));
            end(new Ending(Ending.Stage.CONNECTION, "gave up after " + settings.maxReconnects() + " reconnect"
                    + (settings.maxReconnects() == 1 ? "" : "s") + " (--max-reconnects); last cause: " + down.cause,
                    List.of()));
            return false;
        }
        Duration wait = backoff.next(retryAfter);
        listener.retrying(shard, down.attempts, wait, down.cause);
        pacer.sleep(wait);
        return !stopped && !draining;
    }

    private static Outage outage(int shard, Down d, Instant restoredAt) {
        return new Outage(shard, d.connection, d.kind, d.cause, d.closeCode, d.lastFrameAt, d.detectedAt, restoredAt,
                d.attempts, d.gaps, d.missing, d.lastSequence);
    }

    /**
     * Failures retrying cannot fix, on a shard that was never live: the name does not resolve, the certificate is not
     * trusted, the upgrade is refused for a reason other than load (401, 403, 404, …).
     */
    static boolean fatal(Phase failed) {
        if (failed.name().equals("dns") || failed.name().equals("tls")) {
            return true;
        }
        String status = failed.facts().get("status");
        return failed.name().equals("upgrade") && status != null && status.startsWith("4") && !status.equals("429")
                && !status.equals("408");
    }

    /** Closes that will come again: our own frame-size limit (1009 by feedctl), a retired host name. */
    static boolean fatalClose(CloseInfo c) {
        return c.code() == 1009 && !c.byServer() || c.reason().toLowerCase(java.util.Locale.ROOT)
                .contains("deprecated hostname");
    }

    /** The server's Retry-After in seconds, at most ten minutes; null when absent or unreadable. */
    static Duration retryAfter(Phase failed) {
        String v = failed.facts().get("retry-after");
        if (v == null || !v.trim().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Math.min(600, Long.parseLong(v.trim())));
    }

    private static String retryAfterText(Phase failed) {
        Duration d = retryAfter(failed);
        return d == null ? "" : " (Retry-After " + d.toSeconds() + " s)";
    }
}
