package dev.feedctl.live;

import dev.feedctl.check.LiveAudits;
import dev.feedctl.check.RestVerdicts;
import dev.feedctl.monitor.FeedObserver;
import dev.feedctl.protocol.Decoded;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.Violation;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tail session's hearing of the engine: each event, from whichever shard thread, folded into the board, the shard
 * states and the counters and told on, all under one lock, so what is told comes out whole and in order.
 */
final class SessionListener implements FeedEngine.Listener {

    /** Set before the engine starts: the comparisons with REST (null without them), the metrics (null without). */
    LiveAudits audits;
    FeedObserver observer;
    private final Object lock = new Object();
    private final PriceBoard board;
    private final LongAdder frames = new LongAdder();
    private final TailEvents events;
    private final LongAdder invalid = new LongAdder();
    private final Clock clock;
    private final List<String> recovered = new ArrayList<>();
    private final ShardState[] shards;
    private long outages;

    SessionListener(PriceBoard board, int shards, TailEvents events, Clock clock) {
        this.shards = new ShardState[shards];
        Arrays.fill(this.shards, ShardState.CONNECTING);
        this.board = board;
        this.events = events;
        this.clock = clock;
    }

    /** Runs {@code told} under the lock every event is told under. */
    void tell(Runnable told) {
        synchronized (lock) {
            told.run();
        }
    }

    TailSession.Status status(Duration uptime) {
        synchronized (lock) {
            return new TailSession.Status(List.of(shards), frames.sum(), outages, invalid.sum(), uptime);
        }
    }

    /** Staleness, on the session's clock: a product older than {@code maxStaleness} goes stale once, and says so. */
    void tick(Duration maxStaleness, RestVerdicts verdicts) {
        Instant now = clock.instant();
        synchronized (lock) {
            for (String p : board.newlyStale(now, maxStaleness)) {
                events.stale(p, true, maxStaleness, now);
            }
            for (LiveAudits.Finding f : audits == null ? List.<LiveAudits.Finding>of() : audits.findings()) {
                events.finding(f, now);
                verdicts.show(f);
                if (observer != null && f instanceof LiveAudits.MissedTrades t) {
                    observer.missedTrades(t.product(), t.count()); // feedctl_missed_trades_total
                }
            }
            events.drained();
        }
    }

    @Override
    public void connected(FeedEngine.Link link) {
        synchronized (lock) {
            shards[link.shard()] = ShardState.CONNECTED;
            events.connected(link, clock.instant());
        }
    }

    @Override
    public void frame(FeedEngine.Link link, FeedSession.Received r) {
        frames.increment();
        synchronized (lock) {
            Decoded d = r.decoded();
            Violation unsubscribed = link.session().ledger().takeUnsubscribed();
            if (unsubscribed != null) {
                events.unsubscribed(unsubscribed);
            }
            if (audits != null && d.data() != null) {
                audits.fold(d.data(), d.valid());
            }
            if (!d.valid()) {
                invalid.increment();
                events.invalid(d.errors());
            } else if (d.data() != null) {
                prices(link, r);
            }
        }
    }

    private void prices(FeedEngine.Link link, FeedSession.Received r) {
        recovered.clear();
        Instant at = r.raw().receivedAt();
        List<PriceBoard.Update> updates = board.apply(r.decoded().data(), at, link.connection(), recovered);
        if (observer != null) {
            observer.updates(updates);
        }
        for (String p : recovered) {
            events.stale(p, false, Duration.ZERO, at);
        }
        events.prices(updates);
    }

    @Override
    public void gap(FeedEngine.Link link, SequenceTracker.Anomaly a) {
        synchronized (lock) {
            if (a.kind() == SequenceTracker.Kind.GAP) {
                board.gap(link.products());
            }
            events.gap(link, a, clock.instant());
        }
    }

    @Override
    public void down(int shard, String cause) {
        synchronized (lock) {
            if (shards[shard].up()) {
                outages++;
                events.outage(shard, cause, clock.instant());
            }
            shards[shard] = new ShardState.Down(cause);
        }
    }

    @Override
    public void retrying(int shard, int attempt, Duration wait, String lastCause) {
        synchronized (lock) {
            Instant now = clock.instant();
            shards[shard] = new ShardState.Reconnecting(now.plus(wait), attempt, lastCause);
            events.retrying(shard, attempt, wait, lastCause, now);
        }
    }

    @Override
    public void outage(Outage o) {
        synchronized (lock) {
            if (audits != null) {
                audits.outage(o.lastFrameAt() != null ? o.lastFrameAt() : o.detectedAt(), o.restoredAt());
            }
            events.ended(o, clock.instant());
        }
    }

    @Override
    public void drained() {
        synchronized (lock) {
            events.drained();
        }
    }
}
