package dev.feedctl.live;

import dev.feedctl.check.LiveAudits;
import dev.feedctl.check.RestVerdicts;
import dev.feedctl.monitor.FeedObserver;
import dev.feedctl.monitor.TeeListener;
import dev.feedctl.transport.Backoff;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.PriceBoard;
import dev.feedctl.transport.RestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A feed kept live for as long as someone watches it ({@code tail}, {@code monitor}): the {@link FeedEngine} on a
 * thread of its own (shards, reconnects, backoff), the {@link PriceBoard} it fills, the shards' states, and with a
 * REST client the REST check ({@link RestVerdicts}: REST's last trades, and the trades and book comparisons). What
 * happens is told to {@link TailEvents}; how it is shown, and when the run ends, is the caller's.
 */
public final class TailSession implements AutoCloseable {

    /**
     * @param restEvery   how often REST's last trades are compared (--rest-check); null: no REST check
     * @param restTimeout how long one REST request may take
     * @param persist     a service: what would end the first connection at once is an outage, retried
     */
    public record Settings(FeedEngine.Settings feed, Duration maxStaleness, Duration restEvery, Duration restTimeout,
                           boolean persist) {
    }

    /** What the status line is made of, at one moment; {@code uptime} since the session was made. */
    public record Status(List<ShardState> shards, long frames, long outages, long invalid, Duration uptime) {
    }

    private FeedEngine engine;
    private Thread engineThread;
    private Thread restThread;
    private volatile FeedEngine.Ending ending;
    private final CountDownLatch engineOver = new CountDownLatch(1);
    private final long startedNanos = System.nanoTime();
    private final Settings settings;
    private final PriceBoard board;
    private final TailEvents events;
    private final RestVerdicts verdicts;
    private final Clock clock;
    private final List<List<String>> shards;
    private final SessionListener listener;

    public TailSession(Settings settings, TailEvents events, Clock clock) {
        FeedEngine.Settings feed = settings.feed();
        this.board = new PriceBoard(feed.products(), clock.instant());
        this.settings = settings;
        this.verdicts = new RestVerdicts(feed.products());
        this.events = events;
        this.shards = FeedEngine.shards(feed.channels(), feed.products(), feed.perConnection());
        this.clock = clock;
        this.listener = new SessionListener(board, shards.size(), events, clock);
    }

    public PriceBoard board() {
        return board;
    }

    public RestVerdicts verdicts() {
        return verdicts;
    }

    /** The products of each shard, in shard order. */
    public List<List<String>> shards() {
        return shards;
    }

    /**
     * Starts the engine, and with {@code rest} the REST check. {@code tap} (a recorder, say) hears every engine event
     * first, {@code observer} (the metrics) last; either may be null.
     */
    public void start(FeedEngine.Dialer dialer, RestClient rest, FeedEngine.Listener tap, FeedObserver observer) {
        FeedEngine.Listener heard = tap == null ? listener : new TeeListener(tap, listener);
        listener.observer = observer;
        engine = new FeedEngine(settings.feed(), dialer, FeedEngine.Pacer.SYSTEM, Backoff::standard,
                observer == null ? heard : new TeeListener(heard, observer));
        if (settings.persist()) {
            engine.persist();
        }
        RestPoller poller = null;
        if (rest != null) {
            poller = new RestPoller(rest, settings, this, listener, events, clock);
            listener.audits = LiveAudits.start(rest, settings.feed().channels(), settings.feed().products());
            if (listener.audits != null) {
                listener.audits.showOn(verdicts);
            }
        }
        engineThread = new Thread(this::runEngine, "feedctl-engine");
        engineThread.setDaemon(true);
        engineThread.start();
        if (poller != null) {
            RestPoller p = poller;
            restThread = BackgroundTask.thread("feedctl-rest-check", "the REST check (--rest-check)",
                    events::failure, p::run, p::failed);
            restThread.start();
        }
    }

    private void runEngine() {
        try {
            ending = engine.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // a bug: the run ends with it (exit 70), never as a clean end
            ending = new FeedEngine.Ending(FeedEngine.Ending.Stage.INTERNAL, "the feed engine failed: " + e,
                    List.of());
        } finally {
            engineOver.countDown();
        }
    }

    /** True when the engine ended by itself (see {@link #stop}) within {@code millis}. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        return engineOver.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Tells what is newly stale and what the comparisons with REST found, then {@link TailEvents#drained}. */
    public void tick() {
        listener.tick(settings.maxStaleness(), verdicts);
    }

    public Status status() {
        return listener.status(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Stops reading, after handing on what was already read (a signal's way out); at most {@code grace}. */
    public void drainAndStop(Duration grace) throws InterruptedException {
        if (engine == null) {
            return; // not started: nothing was read
        }
        try {
            engine.drainAndStop(grace);
        } catch (InterruptedException e) {
            engine.stop();
            throw e;
        }
    }

    /** Stops the engine and waits for it (3 s at most): why it ended by itself, or null when it was stopped. */
    public FeedEngine.Ending stop() throws InterruptedException {
        engine.stop();
        engineThread.join(3000);
        return ending;
    }

    /** However the run ended, no shard goes on reconnecting and no REST check goes on asking. */
    @Override
    public void close() {
        if (engine != null) {
            engine.stop();
        }
        if (restThread != null) {
            restThread.interrupt();
        }
        if (listener.audits != null) {
            listener.audits.stop();
        }
    }
}
