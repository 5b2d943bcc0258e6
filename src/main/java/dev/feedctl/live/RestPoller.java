package dev.feedctl.live;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.protocol.LastTrade;
import dev.feedctl.transport.PriceBoard;
import dev.feedctl.transport.RestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The REST check's loop ({@code tail --rest-check}): every {@code every}, REST's last trade of each product judged
 * against the board ({@link RestVerdicts#judge}) and told. Runs on a thread of its own until interrupted.
 */
final class RestPoller {

    private final RestClient rest;
    private final PriceBoard board;
    private final RestVerdicts verdicts;
    private final SessionListener session;
    private final TailEvents events;
    private final Duration every;
    private final Duration timeout;
    private final Clock clock;

    RestPoller(RestClient rest, TailSession.Settings settings, TailSession session, SessionListener listener,
               TailEvents events, Clock clock) {
        this.rest = rest;
        this.board = session.board();
        this.verdicts = session.verdicts();
        this.session = listener;
        this.events = events;
        this.every = settings.restEvery();
        this.timeout = settings.restTimeout();
        this.clock = clock;
    }

    void run() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            long round = System.nanoTime();
            for (String p : board.products()) {
                LastTrade last = rest.lastTrade(p, System.nanoTime() + timeout.toNanos());
                if (last == null) {
                    continue;
                }
                RestVerdicts.Verdict v = verdicts.judge(board.row(p, clock.instant()), last);
                if (v != null) {
                    session.tell(() -> events.rest(p, v.rest(), v.deviationBps(), clock.instant()));
                }
            }
            long sleep = every.toNanos() - (System.nanoTime() - round);
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000);
            }
        }
    }

    /** The thread died: the REST column and the stream say "failed" instead of what REST said last. */
    void failed() {
        verdicts.failed();
        session.tell(() -> {
            Instant now = clock.instant();
            for (String p : board.products()) {
                events.rest(p, "failed", null, now);
            }
        });
    }
}
