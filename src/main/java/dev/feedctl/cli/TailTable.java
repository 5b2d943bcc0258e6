package dev.feedctl.cli;

import dev.feedctl.live.ShardState;
import dev.feedctl.live.TailSession;
import dev.feedctl.report.TailSort;
import dev.feedctl.report.TailView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tail}'s live table: the session's board, verdicts and state drawn on a {@link TailScreen} at most 10 times
 * a second, and the keys (q quits, p pauses the display, s cycles the sort). The view's choices (pause, order) are
 * kept here, not in the session.
 */
final class TailTable {

    private static final long REDRAW_NANOS = 100_000_000; // at most 10 redraws a second

    private boolean paused;
    private TailSort sort = TailSort.PRODUCT;
    private long nextDraw;
    private final TailScreen screen;
    private final TailSession session;
    private final String endpoint;
    private final Clock clock;

    TailTable(TailScreen screen, TailSession session, String endpoint, Clock clock) {
        this.screen = screen;
        this.session = session;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    TailScreen screen() {
        return screen;
    }

    /** Redraws when it is time, then waits for a key until the next redraw; true when the user quits. */
    boolean showAndRead() {
        if (System.nanoTime() >= nextDraw) {
            draw(false);
            nextDraw = System.nanoTime() + REDRAW_NANOS;
        }
        return key(screen.key(Math.max(1, (nextDraw - System.nanoTime()) / 1_000_000)));
    }

    private boolean key(int c) {
        switch (c) {
            case 'q', 'Q', 3 -> { // 3: Ctrl-C read as a key (a terminal without signals)
                return true;
            }
            case 'p', 'P' -> paused = !paused;
            case 's', 'S' -> sort = sort.next();
            case -1 -> { // input ended (a terminal without a keyboard): the table goes on at its pace
                try {
                    Thread.sleep(REDRAW_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        draw(true);
        return false;
    }

    private void draw(boolean force) {
        if (paused && screen.drawn() && !force) {
            return; // paused: the table stands still while data keeps flowing into the board
        }
        Instant now = clock.instant();
        TailSession.Status s = session.status();
        TailView.Status status = new TailView.Status(endpoint, state(s.shards(), now), s.uptime(), s.frames(),
                s.outages(), s.invalid(), paused, sort);
        var rows = session.board().rows(now);
        screen.draw((w, h) -> TailView.render(rows, session.verdicts(), status, w, h, screen.color()));
    }

    /** {@code connected}, or what each shard is waiting for; {@code #i} before each when there are several. */
    static String state(List<ShardState> shards, Instant now) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            parts.add((shards.size() > 1 ? "#" + i + " " : "") + state(shards.get(i), now));
        }
        return String.join(", ", parts);
    }

    /** A shard's state in words; a reconnecting one counts down to its next attempt at {@code now}. */
    static String state(ShardState s, Instant now) {
        if (s instanceof ShardState.Reconnecting r) {
            double in = Math.max(0, Duration.between(now, r.at()).toNanos()) / 1e9;
            return String.format(Locale.ROOT, "reconnecting in %.1f s (attempt %d, last: %s)", in, r.attempt(),
                    r.lastCause());
        }
        if (s instanceof ShardState.Down d) {
            return "down (" + d.cause() + ")";
        }
        return s instanceof ShardState.Connected ? "connected" : "connecting";
    }
}
