package dev.feedctl.check;

import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.LastTrade;
import dev.feedctl.protocol.LedgerCopy;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.protocol.UrlLint;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Phase;
import dev.feedctl.transport.RestCounts;
import dev.feedctl.transport.SessionCopy;
import java.util.function.Supplier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one verify run observed, as the checks receive it: built by {@link EvidenceRecorder} once gathering is over,
 * and read-only all the way down: the session, its ledger and its connection are copies taken then, so a check
 * judges the run as it ended and cannot change what the next check sees. The parts: how the connection opened, the
 * feed it carried, how it ended, the run's timing, REST (live runs only) and what the exact REST audits found.
 * REST is the one part still asked at judging time, on purpose (see {@link Rest}).
 *
 * @param replay the recording judged by {@code verify --replay}; null for a live run
 * @param rest   null for a replay, which consults no REST
 * @param trades what the socket's trades against REST's found, when market_trades is subscribed (live); else null
 * @param book   what the socket's level2 books against REST's found, when level2 is subscribed (live); else null
 */
record Evidence(String replay, Opening opening, Feed feed, Ending ending, Timing timing, Rest rest,
                TradeFindings trades, BookFindings book) {

    /**
     * How a live run's connection opened: the URL's findings, then the steps that opened it or why it failed (both
     * null when the URL ruled out trying). A replay opens nothing.
     *
     * @param opened the connection's steps (dns, tcp, tls, upgrade) when it opened; null when it did not
     */
    record Opening(List<UrlLint.Finding> lint, ConnectFailure failure, List<Phase> opened) {
        Opening {
            lint = List.copyOf(lint);
            opened = opened == null ? null : List.copyOf(opened);
        }
    }

    /**
     * The feed the run saw.
     *
     * @param session          the (first) connection's session as the run ended; null when none opened
     * @param legs             every connection of the run: a replay's recorded ones, or the live one
     * @param ledger           every frame of every connection as the run ended, for the checks that judge the
     *                         whole run
     * @param showsConnections false for a recording of bare frames: it says nothing of the connection they came on
     * @param acksAbsent       a replayed recording held no subscriptions acknowledgement at all (raw frames)
     */
    record Feed(SessionCopy session, List<Leg> legs, LedgerCopy ledger, boolean showsConnections,
                boolean acksAbsent) {
        Feed {
            legs = List.copyOf(legs);
        }
    }

    /**
     * What ended the conversation before the run did, each null (false) when it did not happen: the first connection's
     * close, a server error (with its explanation), a frame of a foreign feed's format, no acknowledgement in time.
     */
    record Ending(CloseInfo close, Frame.Error serverError, ServerErrors.Explanation explanation,
                  Frame.Foreign foreign, boolean ackTimedOut) {
    }

    /**
     * @param subscribedAt        when the (first) connection subscribed, on the feed clock
     * @param endedAt             the run's end on the feed clock (a replay's: its last line)
     * @param longestBacklog      longest wait of a received frame before it was judged: feedctl's own backlog
     * @param judgedAfterDeadline frames still handed over at the deadline, judged after it
     */
    record Timing(Instant subscribedAt, Instant endedAt, Duration longestBacklog, long judgedAfterDeadline) {
    }

    /**
     * REST as a live run consulted it. Unlike the rest of the evidence it is still asked at judging time, on purpose:
     * freshness may ask whether a silent product traded, and the report's call counts then include that question.
     *
     * @param countsNow  its calls, counted when a check reads them (freshness may still ask about a silent product)
     * @param lastTrades the one question a check still asks REST
     * @param skewMillis exchange clock minus this machine's by {@code /time}; null when it did not answer
     * @param problem    what the price sampler last saw go wrong, or null
     * @param failure    the unexpected exception that stopped the price sampler, or null
     */
    record Rest(Supplier<RestCounts> countsNow, LastTrades lastTrades, Long skewMillis, String problem,
                Throwable failure, Prices prices) {

        RestCounts counts() {
            return countsNow.get();
        }
    }

    /** REST's last trade of a product, by the exchange's clock: did a silent product trade? */
    @FunctionalInterface
    interface LastTrades {
        LastTrade of(String product, long deadlineNanos) throws InterruptedException;
    }

    /**
     * REST's prices against the socket's of the same moment.
     *
     * @param compared  comparisons per product
     * @param worstBps  the largest deviation per product, in basis points
     * @param unaligned samples with no socket price near the moment REST read theirs
     * @param unreached samples left at the end that were asked for after the socket's last judged price
     */
    record Prices(Map<String, Integer> compared, Map<String, BigDecimal> worstBps, int unaligned, int unreached) {
        Prices { // in the order the products were first compared: the worst of equal deviations is the first
            compared = Collections.unmodifiableMap(new LinkedHashMap<>(compared));
            worstBps = Collections.unmodifiableMap(new LinkedHashMap<>(worstBps));
        }

        int total() {
            return compared.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    boolean live() {
        return replay == null;
    }

    SessionCopy session() {
        return feed.session();
    }

    List<Leg> legs() {
        return feed.legs();
    }

    LedgerCopy ledger() {
        return feed.ledger();
    }
}
