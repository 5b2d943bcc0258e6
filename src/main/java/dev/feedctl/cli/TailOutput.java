package dev.feedctl.cli;

import dev.feedctl.check.LiveAudits;
import dev.feedctl.live.TailEvents;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.Violation;
import dev.feedctl.report.FrameRecorder;
import dev.feedctl.report.TailLines;
import dev.feedctl.report.TruthLines;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import dev.feedctl.units.Notation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A tail session's events as the user sees them: prices on stdout (NDJSON, CSV or text; none for {@code monitor}),
 * status events as NDJSON lines on stdout (stderr lines in CSV and text), violations on stderr, and nothing of that
 * under the table, which shows it all itself. Also the {@code --record} file, flushed whenever the feed is drained.
 */
final class TailOutput implements TailEvents {

    private final Terminal terminal;
    private final OutputOptions.Format format;
    private final boolean table;
    private final boolean service;
    private final FrameRecorder recorder;
    private TailScreen screen;

    TailOutput(Terminal terminal, OutputOptions.Format format, boolean table, boolean service,
               FrameRecorder recorder) {
        this.terminal = terminal;
        this.format = format;
        this.table = table;
        this.service = service;
        this.recorder = recorder;
    }

    /** The screen the table is drawn on: given back in {@link #finish}. */
    void showOn(TailScreen screen) {
        this.screen = screen;
    }

    /** A status event: a stream line in NDJSON, a stderr line in CSV and text, nothing on the table. */
    private void event(String json) {
        if (table) {
            return;
        }
        if (format == OutputOptions.Format.NDJSON) {
            terminal.stream(json);
        } else {
            terminal.info(json);
        }
    }

    @Override
    public void connected(FeedEngine.Link link, Instant at) {
        event(TailLines.connected(link, at));
    }

    @Override
    public void outage(int shard, String cause, Instant at) {
        event(TailLines.outage(shard, cause, at));
    }

    @Override
    public void retrying(int shard, int attempt, Duration wait, String lastCause, Instant at) {
        terminal.verbose("shard " + shard + ": attempt " + attempt + " in " + Notation.duration(wait) + " (last: "
                + lastCause + ")");
        event(TailLines.retrying(shard, attempt, wait, lastCause, at));
    }

    @Override
    public void ended(Outage o, Instant at) {
        event(TailLines.ended(o, at));
        if (o.restoredAt() != null) {
            terminal.verbose("shard " + o.shard() + " back after " + Notation.duration(o.downtime()) + " ("
                    + o.attempts() + " attempts; " + o.cause() + ")");
        }
    }

    @Override
    public void gap(FeedEngine.Link link, SequenceTracker.Anomaly anomaly, Instant at) {
        event(TailLines.gap(link, anomaly, at));
    }

    @Override
    public void stale(String product, boolean stale, Duration age, Instant at) {
        event(TailLines.stale(product, stale, age, at));
    }

    @Override
    public void rest(String product, String state, Double deviationBps, Instant at) {
        event(TailLines.rest(product, state, deviationBps, at));
    }

    @Override
    public void finding(LiveAudits.Finding finding, Instant at) {
        event(TruthLines.of(finding, at));
    }

    @Override
    public void unsubscribed(Violation v) {
        if (!table) {
            terminal.info("violation " + v.rule() + ": " + v.message());
        }
    }

    @Override
    public void invalid(List<Violation> violations) {
        if (!table) {
            violations.forEach(v -> terminal.info("violation " + v.rule() + " at " + v.path() + ": " + v.message()));
        }
    }

    @Override
    public void prices(List<PriceBoard.Update> updates) {
        if (table || service) {
            return;
        }
        for (PriceBoard.Update u : updates) {
            terminal.stream(format == OutputOptions.Format.CSV ? TailLines.csv(u)
                    : format == OutputOptions.Format.TEXT ? TailLines.text(u) : TailLines.ndjson(u));
        }
    }

    @Override
    public void drained() {
        terminal.handOverStream();
        if (recorder != null) {
            recorder.flush();
        }
    }

    @Override
    public void failure(String what, Throwable problem) {
        terminal.failure(what, problem);
    }

    /** What writes the recording: every frame and every connection's end as the engine hears them; null without. */
    FeedEngine.Listener recording() {
        return recorder == null ? null : new FeedEngine.Listener() {
            @Override
            public void frame(FeedEngine.Link link, FeedSession.Received r) {
                recorder.frame(r.raw().receivedAt(), link.connection(), link.shard(), r.raw().text());
            }

            @Override
            public void closed(FeedEngine.Link link, CloseInfo c) {
                recorder.closed(Instant.now(), link.connection(), link.shard(), c);
                recorder.flush();
            }
        };
    }

    /** Says on stderr when the recording could not be written whole (a full disk). */
    void recordingIncomplete(Path file) {
        if (recorder != null && recorder.failure() != null) {
            terminal.warn("--record " + file + " is incomplete: " + recorder.failure().getMessage());
        }
    }

    /** Flushes the stream and the recording and gives the terminal back; safe to call twice, from any thread. */
    synchronized void finish() {
        if (screen != null) {
            screen.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        terminal.finishStream();
    }
}
