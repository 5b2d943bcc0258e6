package dev.feedctl.live;

import dev.feedctl.check.LiveAudits;
import dev.feedctl.protocol.SequenceTracker;
import dev.feedctl.protocol.Violation;
import dev.feedctl.transport.FeedEngine;
import dev.feedctl.transport.Outage;
import dev.feedctl.transport.PriceBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link TailSession} tells as it happens, one call at a time (the session serialises them), each with the
 * time it was known. How it looks (NDJSON, CSV, stderr, nothing under a table) is the receiver's business. Every
 * method does nothing by default, so a receiver says only what it cares about.
 */
public interface TailEvents {

    /** Every channel of {@code link} was acknowledged. */
    default void connected(FeedEngine.Link link, Instant at) {
    }

    /** A shard that was up (or connecting the first time) went down: an outage begins. */
    default void outage(int shard, String cause, Instant at) {
    }

    default void retrying(int shard, int attempt, Duration wait, String lastCause, Instant at) {
    }

    /** The whole outage, once: restored, or given up on. */
    default void ended(Outage outage, Instant at) {
    }

    default void gap(FeedEngine.Link link, SequenceTracker.Anomaly anomaly, Instant at) {
    }

    /** A product went stale ({@code age}: --max-staleness), or updated again ({@code stale} false). */
    default void stale(String product, boolean stale, Duration age, Instant at) {
    }

    /** What REST said of a product ({@code ok}, {@code dead}, {@code quiet}, {@code failed}). */
    default void rest(String product, String state, Double deviationBps, Instant at) {
    }

    /** What the trades and book comparisons with REST found. */
    default void finding(LiveAudits.Finding finding, Instant at) {
    }

    /** Data of a product nobody subscribed to. */
    default void unsubscribed(Violation violation) {
    }

    /** An invalid frame's violations (it is counted and not shown). */
    default void invalid(List<Violation> violations) {
    }

    /** The price updates one valid frame made. */
    default void prices(List<PriceBoard.Update> updates) {
    }

    /** Nothing more is queued right now: a good moment to hand output on. */
    default void drained() {
    }

    /** A background part of the session (the REST check) failed and was stopped. */
    default void failure(String what, Throwable problem) {
    }
}
