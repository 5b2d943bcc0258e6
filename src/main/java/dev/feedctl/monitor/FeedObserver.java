package dev.feedctl.monitor;

import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.PriceBoard;
import java.util.List;

/**
 * What a running {@code tail} tells the monitor besides the engine's events: the price updates the board made of
 * each frame. Free of Prometheus types, so tail without --metrics never loads the client.
 */
public interface FeedObserver extends FeedEngine.Listener, AutoCloseable {

    /** The updates one frame made, as the stream shows them (called after the board has folded the frame in). */
    void updates(List<PriceBoard.Update> updates);

    /**
     * Trades REST showed that the socket never delivered (issue 22's trades check calls this); counted in
     * {@code feedctl_missed_trades_total{product}}, which exists only with --rest-check.
     */
    void missedTrades(String product, long count);

    /** Where the metrics are served, e.g. {@code http://127.0.0.1:9464/metrics}. */
    String url();

    /** Stops serving; safe to call twice. */
    @Override
    void close();
}
