package dev.feedctl.check;

import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.LedgerCopy;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.protocol.UrlLint;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.RestClient;
import dev.feedctl.transport.SessionCopy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verify run observes, written while it runs by the {@link Verifier} (or the {@link Replayer}) and nothing
 * else: the live session, ledger and connection. {@link #evidence} then hands the checks the read-only
 * {@link Evidence}, with copies of them; fields are named as there.
 */
final class EvidenceRecorder {

    final List<UrlLint.Finding> lint = new ArrayList<>();
    ConnectFailure connectFailure;
    Connection connection;
    /** A live run's session; null for a replay (its sessions are in {@link #legs}). */
    FeedSession session;
    CloseInfo close;
    Frame.Error serverError;
    ServerErrors.Explanation explanation;
    Frame.Foreign foreign;
    boolean ackTimedOut;
    Instant subscribedAt;
    Instant endedAt;
    Duration longestBacklog = Duration.ZERO;
    long judgedAfterDeadline;
    /** At the deadline the reader was waiting for room: frames sent before it were still held back. */
    boolean backedUpAtEnd;
    RestClient rest;
    RestSampler sampler;
    final PriceComparer prices = new PriceComparer();
    TradeAudit trades;
    BookAudit book;
    /** When the audits last judged REST's answers (System.nanoTime): {@link RestAudits#drain}. */
    long auditsLookedAt = System.nanoTime();
    String replay;
    /** A replay's every frame from every connection; null for a live run (its one session's ledger). */
    FrameLedger whole;
    /** A replay's connections in the order they began; null for a live run. */
    List<Leg> legs;
    boolean showsConnections = true;
    boolean acksAbsent;

    /** The first server error, and what it means; later ones change nothing. */
    void serverError(Frame.Error e, ServerErrors.Explanation meaning) {
        if (serverError == null) {
            serverError = e;
            explanation = meaning;
        }
    }

    /** The first frame in a foreign feed's format. */
    void foreign(Frame.Foreign f) {
        if (foreign == null) {
            foreign = f;
        }
    }

    /**
     * The run's evidence as the checks receive it, copied from the live objects: call it once the run's last frame
     * was judged, as its figures are the ones at that moment.
     */
    Evidence evidence() {
        List<Leg> all = legs != null ? legs : session == null ? List.of()
                : List.of(Leg.live(SessionCopy.of(session), subscribedAt, close, endedAt));
        SessionCopy first = all.isEmpty() ? null : all.get(0).session();
        LedgerCopy ledger = whole != null ? LedgerCopy.of(whole) : first == null ? null : first.ledger();
        Evidence.Rest restPart = rest == null ? null : new Evidence.Rest(rest::counts, rest::lastTrade,
                sampler.skewMillis(), sampler.lastProblem(), sampler.failure(), prices.result());
        return new Evidence(replay, new Evidence.Opening(lint, connectFailure, connection == null ? null
                : connection.phases()), new Evidence.Feed(first, all, ledger, showsConnections, acksAbsent),
                new Evidence.Ending(close, serverError, explanation, foreign, ackTimedOut),
                new Evidence.Timing(subscribedAt, endedAt, longestBacklog, judgedAfterDeadline), restPart,
                trades == null ? null : TradeFindings.of(trades), book == null ? null : new BookFindings(book));
    }
}
