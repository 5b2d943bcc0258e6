package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.check.ExitCode;
import dev.feedctl.live.TailSession;
import dev.feedctl.monitor.FeedObserver;
import dev.feedctl.monitor.MetricsAddress;
import dev.feedctl.report.FrameRecorder;
import dev.feedctl.report.PhaseText;
import dev.feedctl.report.TailLines;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.RestClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One run of {@code tail} or {@code monitor}: the options turned into a {@link TailSession}, its events into lines
 * ({@link TailOutput}) or a table ({@link TailTable}), and its end into an exit code. Owns what belongs to the
 * process: the signals, the shutdown hook that flushes on Ctrl-C, the wait for --duration or q.
 */
final class TailRun {

    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    private final FeedOptions feed;
    private final TailOptions options;
    /** {@code monitor}: status events only (no table, no prices), metrics always served, SIGTERM is exit 0. */
    private final boolean service;
    private final Supplier<TailScreen> virtual;
    private final long startedNanos = System.nanoTime();
    private final Clock clock = Clock.systemUTC();
    private Terminal terminal;
    private TailOutput output;
    private TailTable table;

    TailRun(FeedOptions feed, TailOptions options, boolean service, Supplier<TailScreen> virtual) {
        this.feed = feed;
        this.options = options;
        this.service = service;
        this.virtual = virtual;
    }

    int call() throws Exception {
        terminal = feed.terminal();
        boolean tty = !service && (virtual != null || Tty.stdoutIsTerminal());
        OutputOptions.Format format = format(tty);
        options.validate();
        List<String> channels = feed.stream.channels();
        List<String> products = feed.stream.products(); // checked before the key is read, let alone used
        CdpKey key = feed.key(terminal);
        AuthOptions.requireKeyFor(channels, key);
        FeedObserver observer = null;
        try (Endpoints endpoints = feed.open(key)) {
            feed.endpoint.lint(endpoints.ws(), terminal);
            boolean screen = tty && format == OutputOptions.Format.TEXT;
            output = new TailOutput(terminal, format, screen, service, recorder());
            // a screen or a CSV of prices: a millisecond more in the hand-off is invisible, the CPU it saves is not
            ConnectSpec socket = feed.endpoint.connectSpec(endpoints.ws()).withLinger(ConnectSpec.RELAXED_LINGER);
            TailSession session = new TailSession(settings(socket, key, channels, products), output, clock);
            observer = metrics(session, channels); // before connecting: a taken port is exit 2 now
            if (screen) {
                table = new TailTable(virtual != null ? virtual.get() : TailScreen.system(!colorOff()), session,
                        endpoints.ws().toString(), clock);
                output.showOn(table.screen());
            } else if (format == OutputOptions.Format.CSV) {
                terminal.stream(TailLines.CSV_HEADER);
            }
            // the public ticker endpoint: no token is signed for REST checks
            RestClient rest = options.restCheck == null ? null : new RestClient(endpoints.rest(), socket.caFile(),
                    null, options.budget.value(), feed.endpoint.timeout());
            return run(session, rest, observer);
        } finally {
            if (observer != null) {
                observer.close(); // however the run ended, even before it began: the port is free again
            }
        }
    }

    private OutputOptions.Format format(boolean tty) {
        if (service) {
            return feed.output.format(OutputOptions.Format.NDJSON, OutputOptions.Format.NDJSON);
        }
        return feed.output.format(tty ? OutputOptions.Format.TEXT : OutputOptions.Format.NDJSON,
                OutputOptions.Format.TEXT, OutputOptions.Format.NDJSON, OutputOptions.Format.CSV);
    }

    private TailSession.Settings settings(ConnectSpec socket, CdpKey key, List<String> channels,
                                          List<String> products) {
        FeedEngine.Settings engine = new FeedEngine.Settings(socket, key, channels, products,
                options.perConnection, HEARTBEAT_TIMEOUT, options.stallTimeout, options.maxReconnects);
        return new TailSession.Settings(engine, options.maxStaleness, options.restCheck, feed.endpoint.timeout(),
                service);
    }

    private FrameRecorder recorder() {
        if (options.record == null) {
            return null;
        }
        try {
            return new FrameRecorder(options.record, feed.root().redactor());
        } catch (IOException e) {
            throw ExitException.usage("cannot write --record " + options.record + ": " + e.getMessage());
        }
    }

    private FeedObserver metrics(TailSession session, List<String> channels) {
        MetricsAddress serveAt = options.metrics.address(service ? MetricsAddress.MONITOR_DEFAULT : null);
        return serveAt == null ? null : TailMetrics.start(serveAt, session, channels, options.maxStaleness,
                options.restCheck != null, terminal);
    }

    private boolean colorOff() {
        return feed.output.noColor || feed.root().env().containsKey("NO_COLOR");
    }

    private int run(TailSession session, RestClient rest, FeedObserver observer) throws Exception {
        SignalExit signals = SignalExit.install(service ? 0 : 143); // a service manager's SIGTERM is a normal stop
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> onSignal(session, finished), "feedctl-tail-exit");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            session.start(new Connector(clock)::open, rest, output.recording(), observer);
            boolean quit = awaitEnd(session);
            FeedEngine.Ending e = session.stop();
            output.finish(); // before the verdict: the stream and the recording are complete when the error is printed
            if (e != null && !quit) {
                e.phases().forEach(p -> terminal.info(PhaseText.line(p)));
                throw switch (e.stage()) {
                    case AUTH -> ExitException.auth(e.message());
                    case PROTOCOL -> ExitException.protocol(e.message());
                    case CONNECTION -> ExitException.connection(e.message());
                    case INTERNAL -> new IllegalStateException(e.message()); // exit 70, like any bug
                };
            }
            output.recordingIncomplete(options.record);
            return ExitCode.OK.code();
        } finally {
            session.close();
            output.finish();
            finished.countDown();
            signals.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now and flushes
            }
        }
    }

    /** Until --duration, q, a closed pipe, or the engine's own end; true when the user quit. */
    private boolean awaitEnd(TailSession session) throws InterruptedException {
        long end = options.duration == null ? Long.MAX_VALUE : startedNanos + options.duration.toNanos();
        while (!session.awaitEnd(table == null ? 200 : 0)) {
            if (System.nanoTime() >= end) {
                return false;
            }
            session.tick();
            if (table != null) {
                if (table.showAndRead()) {
                    return true;
                }
            } else if (terminal.outClosed() && !service) {
                return false; // `feedctl tail | head -3`: the reader is gone, end quietly
            }
        }
        return false;
    }

    /** Ctrl-C, SIGTERM: hand on what was read, flush it, restore the terminal. */
    private void onSignal(TailSession session, CountDownLatch finished) {
        try {
            session.drainAndStop(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.finish();
        try {
            finished.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
