package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.check.ExitCode;
import dev.feedctl.monitor.FeedObserver;
import dev.feedctl.monitor.MetricsAddress;
import dev.feedctl.monitor.TeeListener;
import dev.feedctl.protocol.LastTrade;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.Violation;
import dev.feedctl.report.FrameRecorder;
import dev.feedctl.report.PhaseText;
import dev.feedctl.report.TailLines;
import dev.feedctl.report.TailView;
import dev.feedctl.transport.Backoff;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import dev.feedctl.transport.RestClient;
import dev.feedctl.units.Figures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code feedctl tail}: streams prices from a feed that stays live ({@link FeedEngine}: reconnect, backoff,
 * watchdog, shards). On a terminal a live table; otherwise one line per price update plus status events.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Stream prices. On a terminal: a live table (q quits, p pauses the display, s cycles the sort); "
                + "otherwise one NDJSON (or CSV) line per price update, with status events (connected, outage, "
                + "retrying, reconnected, gap, stale, recovered) as NDJSON lines carrying an \"event\" field. "
                + "Reconnects with jittered exponential backoff (250 ms to 30 s), a fresh JWT and every "
                + "acknowledgement checked again; a connection with no heartbeat for 3 s or no frame for "
                + "--stall-timeout is treated as dead.")
public class TailCommand implements Callable<Integer> {

    /** Tests put a virtual terminal here; null means stdout decides (a terminal gets the table). */
    static volatile Supplier<TailScreen> screenForTests;

    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final long REDRAW_NANOS = 100_000_000; // at most 10 redraws a second

    @Spec
    CommandSpec spec;

    @ParentCommand
    FeedctlCommand root;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    StreamOptions stream;

    @Mixin
    AuthOptions auth;

    @Mixin
    OutputOptions output;

    @Mixin
    VerboseOption verbosity;

    @Option(names = "--max-staleness", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "A product without an update for this long is marked stale (default: ${DEFAULT-VALUE}).")
    Duration maxStaleness;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "No frame at all for this long on an open socket: it is dead, reconnect "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    @Option(names = "--max-reconnects", paramLabel = "N", description = "Give up (exit 3, naming the last cause) "
            + "after N attempts to end one outage. Default: never give up.")
    Integer maxReconnects;

    @Option(names = "--rest-check", paramLabel = "INTERVAL", converter = Durations.class, description = "Compare "
            + "shown prices with REST this often; a stale product is 'dead' when REST shows trades the socket did "
            + "not deliver, 'quiet' when it shows none.")
    Duration restCheck;

    @Mixin
    RestBudgetOption budget;

    @Mixin
    MetricsOption metrics;

    @Option(names = "--record", paramLabel = "FILE", description = "Write every raw frame with its receive time "
            + "(nanoseconds), connection and shard as NDJSON (verify --replay reads it).")
    Path record;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class, description = "Stop after "
            + "this long (exit 0). Default: until q or Ctrl-C.")
    Duration duration;

    @Option(names = "--products-per-connection", paramLabel = "N", defaultValue = "50", description = "Spread "
            + "products over connections of at most N (level2: at most 16) (default: ${DEFAULT-VALUE}).")
    int perConnection;

    private Terminal terminal;
    private OutputOptions.Format format;
    private PriceBoard board;
    /** Trades and books against REST with --rest-check (market_trades / level2); null otherwise. */
    private dev.feedctl.check.LiveAudits audits;
    private FrameRecorder recorder;
    private TailScreen screen;
    private final Object lock = new Object();
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final java.util.concurrent.atomic.LongAdder frames = new java.util.concurrent.atomic.LongAdder();
    private volatile long outages;
    private final java.util.concurrent.atomic.LongAdder invalid = new java.util.concurrent.atomic.LongAdder();
    private String[] shardState;
    private long[] retryAt;
    private volatile boolean quit;
    private boolean paused;
    private PriceBoard.Sort sort = PriceBoard.Sort.PRODUCT;
    private String endpointText;
    private FeedObserver observer;

    @Override
    public Integer call() throws Exception {
        terminal = new Terminal(spec, verbosity.on());
        Supplier<TailScreen> virtual = screenForTests;
        boolean tty = !service() && (virtual != null || Tty.stdoutIsTerminal());
        format = service() ? output.format(OutputOptions.Format.NDJSON, OutputOptions.Format.NDJSON)
                : output.format(tty ? OutputOptions.Format.TEXT : OutputOptions.Format.NDJSON,
                OutputOptions.Format.TEXT, OutputOptions.Format.NDJSON, OutputOptions.Format.CSV);
        validate();
        List<String> channels = stream.channels();
        List<String> products = stream.products();
        CdpKey key = auth.load(root, terminal);
        AuthOptions.requireKeyFor(channels, key);
        try (Endpoints endpoints = endpoint.open(root.env(), key)) {
            endpoint.lint(endpoints.ws(), terminal);
            endpointText = endpoints.ws().toString();
            board = new PriceBoard(products, Instant.now());
            if (record != null) {
                try {
                    recorder = new FrameRecorder(record, root.redactor());
                } catch (IOException e) {
                    throw ExitException.usage("cannot write --record " + record + ": " + e.getMessage());
                }
            }
            // a screen or a CSV of prices: a millisecond more in the hand-off is invisible, the CPU it saves is not
            ConnectSpec socket = endpoint.connectSpec(endpoints.ws()).withLinger(ConnectSpec.RELAXED_LINGER);
            FeedEngine.Settings settings = new FeedEngine.Settings(socket, key, channels,
                    products, perConnection, HEARTBEAT_TIMEOUT, stallTimeout, maxReconnects);
            List<List<String>> shardProducts = FeedEngine.shards(channels, products, perConnection);
            int shards = shardProducts.size();
            shardState = new String[shards];
            retryAt = new long[shards];
            java.util.Arrays.fill(shardState, "connecting");
            MetricsAddress serveAt = metrics.address(service() ? MetricsAddress.MONITOR_DEFAULT : null);
            observer = serveAt == null ? null : TailMetrics.start(serveAt, board, shardProducts, channels,
                    maxStaleness, restCheck != null, terminal); // before connecting: a taken port is exit 2 now
            FeedEngine engine = new FeedEngine(settings, new Connector(Clock.systemUTC())::open,
                    FeedEngine.Pacer.SYSTEM, Backoff::standard, observer == null ? new Listener()
                    : new TeeListener(new Listener(), observer));
            if (service()) {
                engine.persist(); // monitor ends only on --max-reconnects or SIGTERM
            }
            if (tty && format == OutputOptions.Format.TEXT) {
                screen = virtual != null ? virtual.get() : TailScreen.system(!colorOff());
            } else if (format == OutputOptions.Format.CSV) {
                terminal.stream(TailLines.CSV_HEADER);
            }
            // the public ticker endpoint: no token is signed for REST checks
            RestClient rest = restCheck == null ? null : new RestClient(endpoints.rest(), endpoint.connectSpec(
                    endpoints.ws()).caFile(), null, budget.value(), endpoint.timeout());
            audits = rest == null ? null : dev.feedctl.check.LiveAudits.start(rest, channels, products);
            if (audits != null) {
                audits.showOn(board);
            }
            return run(engine, rest);
        } finally {
            if (observer != null) {
                observer.close(); // however the run ended, even before it began: the port is free again
            }
        }
    }

    /** {@code monitor}: status events only (no table, no prices), metrics always served, SIGTERM is exit 0. */
    boolean service() {
        return false;
    }

    private void validate() {
        if (maxReconnects != null && maxReconnects < 0) {
            throw ExitException.usage("--max-reconnects must be 0 or more, got " + maxReconnects);
        }
        if (perConnection < 1) {
            throw ExitException.usage("--products-per-connection must be at least 1, got " + perConnection);
        }
        if (stallTimeout.toMillis() < 100 || maxStaleness.toMillis() < 100) {
            throw ExitException.usage("--stall-timeout and --max-staleness must be at least 100ms");
        }
        if (restCheck != null && restCheck.toMillis() < 100) {
            throw ExitException.usage("--rest-check must be at least 100ms");
        }
        budget.value(); // checked before anything connects
    }

    private boolean colorOff() {
        return output.noColor || root.env().containsKey("NO_COLOR");
    }

    private int run(FeedEngine engine, RestClient rest) throws Exception {
        FeedEngine.Ending[] ending = {null};
        CountDownLatch engineOver = new CountDownLatch(1);
        Thread engineThread = new Thread(() -> {
            try {
                ending[0] = engine.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) { // a bug: the run ends with it (exit 70), never as a clean end
                ending[0] = new FeedEngine.Ending(FeedEngine.Ending.Stage.INTERNAL, "the feed engine failed: " + e,
                        List.of());
            } finally {
                engineOver.countDown();
            }
        }, "feedctl-engine");
        engineThread.setDaemon(true);
        Thread restThread = rest == null ? null : BackgroundTask.thread("feedctl-rest-check",
                "the REST check (--rest-check)", terminal::failure, () -> restLoop(rest), this::restFailed);
        SignalExit signals = SignalExit.install(service() ? 0 : 143); // a service manager's SIGTERM is a normal stop
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> { // Ctrl-C, SIGTERM: hand on what was read, flush it, restore the terminal
            try {
                engine.drainAndStop(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                engine.stop();
                Thread.currentThread().interrupt();
            }
            finish();
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feedctl-tail-exit");
        Runtime.getRuntime().addShutdownHook(onSignal);
        engineThread.start();
        if (restThread != null) {
            restThread.setDaemon(true);
            restThread.start();
        }
        long end = duration == null ? Long.MAX_VALUE : startedNanos + duration.toNanos();
        long nextDraw = 0;
        try {
            while (!quit && !engineOver.await(screen == null ? 200 : 0, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() >= end) {
                    break;
                }
                tick();
                if (screen != null) {
                    if (System.nanoTime() >= nextDraw) {
                        draw(false);
                        nextDraw = System.nanoTime() + REDRAW_NANOS;
                    }
                    key(screen.key(Math.max(1, (nextDraw - System.nanoTime()) / 1_000_000)));
                } else if (terminal.outClosed() && !service()) {
                    break; // `feedctl tail | head -3`: the reader is gone, end quietly
                }
            }
            engine.stop();
            engineThread.join(3000);
            finish(); // before the verdict: the stream and the recording are complete when the error is printed
            FeedEngine.Ending e = ending[0];
            if (e != null && !quit) {
                e.phases().forEach(p -> terminal.info(PhaseText.line(p)));
                throw switch (e.stage()) {
                    case AUTH -> ExitException.auth(e.message());
                    case PROTOCOL -> ExitException.protocol(e.message());
                    case CONNECTION -> ExitException.connection(e.message());
                    case INTERNAL -> new IllegalStateException(e.message()); // exit 70, like any bug
                };
            }
            if (recorder != null && recorder.failure() != null) {
                terminal.warn("--record " + record + " is incomplete: " + recorder.failure().getMessage());
            }
            return ExitCode.OK.code();
        } finally {
            engine.stop(); // whatever ended the run (an interrupt, an error), no shard goes on reconnecting
            if (restThread != null) {
                restThread.interrupt();
            }
            if (audits != null) {
                audits.stop();
            }
            finish();
            finished.countDown();
            signals.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now and flushes
            }
        }
    }

    /** Flushes the stream and the recording and gives the terminal back; safe to call twice, from any thread. */
    private void finish() {
        synchronized (lock) {
            if (screen != null) {
                screen.close();
            }
            if (recorder != null) {
                recorder.close();
            }
            terminal.finishStream();
        }
    }

    /** Staleness, on the wall clock: a product older than --max-staleness goes stale once, and says so. */
    private void tick() {
        Instant now = Instant.now();
        synchronized (lock) {
            for (String p : board.newlyStale(now, maxStaleness)) {
                event(TailLines.stale(p, true, maxStaleness, now));
            }
            if (audits != null) {
                for (dev.feedctl.check.LiveAudits.Finding f : audits.findings()) {
                    event(dev.feedctl.report.TruthLines.of(f, now));
                    dev.feedctl.check.LiveAudits.show(f, board);
                    if (observer != null && f instanceof dev.feedctl.check.LiveAudits.MissedTrades t) {
                        observer.missedTrades(t.product(), t.count()); // feedctl_missed_trades_total
                    }
                }
            }
            terminal.handOverStream();
            if (recorder != null) {
                recorder.flush();
            }
        }
    }

    private void key(int c) {
        switch (c) {
            case 'q', 'Q' -> quit = true;
            case 'p', 'P' -> paused = !paused;
            case 's', 'S' -> sort = sort.next();
            case 3 -> quit = true; // Ctrl-C read as a key (a terminal without signals)
            default -> {
            }
        }
        if (c == 'p' || c == 'P' || c == 's' || c == 'S') {
            draw(true);
        } else if (c == -1) { // input ended (a terminal without a keyboard): the table goes on at its pace
            try {
                Thread.sleep(REDRAW_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                quit = true;
            }
        }
    }

    private void draw(boolean force) {
        if (paused && screen.drawn() && !force) {
            return; // paused: the table stands still while data keeps flowing into the board
        }
        List<PriceBoard.Row> rows = board.rows(Instant.now(), sort);
        TailView.Status status = new TailView.Status(endpointText, state(), Duration.ofNanos(System.nanoTime()
                - startedNanos), frames.sum(), outages, invalid.sum(), paused, sort);
        screen.draw((w, h) -> TailView.render(rows, status, w, h, screen.color()));
    }

    /** {@code connected}, or what a reconnecting shard is waiting for. */
    private String state() {
        synchronized (lock) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < shardState.length; i++) {
                String s = shardState[i];
                if (s.startsWith("reconnecting")) {
                    double in = Math.max(0, retryAt[i] - System.nanoTime()) / 1e9;
                    s = s.replace("%IN%", String.format(java.util.Locale.ROOT, "%.1f s", in));
                }
                parts.add((shardState.length > 1 ? "#" + i + " " : "") + s);
            }
            return String.join(", ", parts);
        }
    }

    private void restLoop(RestClient rest) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long round = System.nanoTime();
                for (String p : board.products()) {
                    LastTrade last = rest.lastTrade(p, System.nanoTime() + endpoint.timeout().toNanos());
                    if (last == null) {
                        continue;
                    }
                    PriceBoard.Row row = board.rest(p, last, Instant.now());
                    if (row != null) {
                        synchronized (lock) {
                            event(TailLines.rest(p, row.rest(), row.restDeviationBps(), Instant.now()));
                        }
                    }
                }
                long sleep = restCheck.toNanos() - (System.nanoTime() - round);
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The REST thread died: the REST column and the stream say "failed" instead of what REST said last. */
    private void restFailed() {
        board.restFailed();
        synchronized (lock) {
            for (String p : board.products()) {
                event(TailLines.rest(p, "failed", null, Instant.now()));
            }
        }
    }

    /** A status event: a stream line in NDJSON, a stderr line in CSV and text, nothing on the table. */
    private void event(String json) {
        if (screen != null) {
            return;
        }
        if (format == OutputOptions.Format.NDJSON) {
            terminal.stream(json);
        } else {
            terminal.info(json);
        }
    }

    /** What the engine tells, from the shard threads, serialised on {@link #lock}. */
    private final class Listener implements FeedEngine.Listener {

        private final List<String> recovered = new ArrayList<>();

        @Override
        public void connected(FeedEngine.Link link) {
            synchronized (lock) {
                shardState[link.shard()] = "connected";
                event(TailLines.connected(link, Instant.now()));
            }
        }

        @Override
        public void frame(FeedEngine.Link link, FeedSession.Received r) {
            frames.increment();
            synchronized (lock) {
                if (recorder != null) {
                    recorder.frame(r.raw().receivedAt(), link.connection(), link.shard(), r.raw().text());
                }
                var d = r.decoded();
                Violation unsubscribed = link.session().ledger().takeUnsubscribed();
                if (unsubscribed != null && screen == null) {
                    terminal.info("violation " + unsubscribed.rule() + ": " + unsubscribed.message());
                }
                if (audits != null && d.data() != null) {
                    audits.fold(d.data(), d.valid());
                }
                if (!d.valid()) {
                    invalid.increment();
                    if (screen == null) {
                        for (Violation v : d.errors()) {
                            terminal.info("violation " + v.rule() + " at " + v.path() + ": " + v.message());
                        }
                    }
                    return;
                }
                if (d.data() == null) {
                    return;
                }
                recovered.clear();
                List<PriceBoard.Update> updates = board.apply(d.data(), r.raw().receivedAt(), link.connection(),
                        recovered);
                if (observer != null) {
                    observer.updates(updates);
                }
                Instant now = r.raw().receivedAt();
                for (String p : recovered) {
                    event(TailLines.stale(p, false, Duration.ZERO, now));
                }
                if (screen != null || service()) {
                    return;
                }
                for (PriceBoard.Update u : updates) {
                    terminal.stream(format == OutputOptions.Format.CSV ? TailLines.csv(u)
                            : format == OutputOptions.Format.TEXT ? TailLines.text(u) : TailLines.ndjson(u));
                }
            }
        }

        @Override
        public void gap(FeedEngine.Link link, SequenceTracker.Anomaly a) {
            synchronized (lock) {
                if (a.kind() == SequenceTracker.Kind.GAP) {
                    board.gap(link.products());
                }
                event(TailLines.gap(link, a, Instant.now()));
            }
        }

        @Override
        public void closed(FeedEngine.Link link, CloseInfo c) {
            synchronized (lock) {
                if (recorder != null) {
                    recorder.closed(Instant.now(), link.connection(), link.shard(), c);
                    recorder.flush();
                }
            }
        }

        @Override
        public void down(int shard, String cause) {
            synchronized (lock) {
                if (shardState[shard].equals("connected") || shardState[shard].equals("connecting")) {
                    outages++;
                    event(TailLines.outage(shard, cause, Instant.now()));
                }
                shardState[shard] = "down (" + cause + ")";
            }
        }

        @Override
        public void retrying(int shard, int attempt, Duration wait, String lastCause) {
            synchronized (lock) {
                retryAt[shard] = System.nanoTime() + wait.toNanos();
                shardState[shard] = "reconnecting in %IN% (attempt " + attempt + ", last: " + lastCause + ")";
                terminal.verbose("shard " + shard + ": attempt " + attempt + " in " + Figures.duration(wait)
                        + " (last: " + lastCause + ")");
                event(TailLines.retrying(shard, attempt, wait, lastCause, Instant.now()));
            }
        }

        @Override
        public void outage(Outage o) {
            synchronized (lock) {
                if (audits != null) {
                    audits.outage(o.lastFrameAt() != null ? o.lastFrameAt() : o.detectedAt(), o.restoredAt());
                }
                event(TailLines.ended(o, Instant.now()));
                if (o.restoredAt() != null) {
                    terminal.verbose("shard " + o.shard() + " back after " + Figures.duration(o.downtime()) + " ("
                            + o.attempts() + " attempts; " + o.cause() + ")");
                }
            }
        }

        @Override
        public void drained() {
            synchronized (lock) {
                terminal.handOverStream();
                if (recorder != null) {
                    recorder.flush();
                }
            }
        }
    }
}
