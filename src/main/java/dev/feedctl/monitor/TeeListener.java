package dev.feedctl.monitor;

import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Outage;
import java.time.Duration;

/** Tells every engine event to {@code first} (tail's own output) and then to {@code second} (the metrics). */
public record TeeListener(FeedEngine.Listener first, FeedEngine.Listener second) implements FeedEngine.Listener {

    @Override
    public void connected(FeedEngine.Link link) {
        first.connected(link);
        second.connected(link);
    }

    @Override
    public void frame(FeedEngine.Link link, FeedSession.Received r) {
        first.frame(link, r);
        second.frame(link, r);
    }

    @Override
    public void closed(FeedEngine.Link link, CloseInfo close) {
        first.closed(link, close);
        second.closed(link, close);
    }

    @Override
    public void gap(FeedEngine.Link link, SequenceTracker.Anomaly a) {
        first.gap(link, a);
        second.gap(link, a);
    }

    @Override
    public void down(int shard, String cause) {
        first.down(shard, cause);
        second.down(shard, cause);
    }

    @Override
    public void down(int shard, String kind, Integer closeCode, String cause) {
        first.down(shard, kind, closeCode, cause);
        second.down(shard, kind, closeCode, cause);
    }

    @Override
    public void retrying(int shard, int attempt, Duration wait, String lastCause) {
        first.retrying(shard, attempt, wait, lastCause);
        second.retrying(shard, attempt, wait, lastCause);
    }

    @Override
    public void outage(Outage o) {
        first.outage(o);
        second.outage(o);
    }

    @Override
    public void drained() {
        first.drained();
        second.drained();
    }
}
