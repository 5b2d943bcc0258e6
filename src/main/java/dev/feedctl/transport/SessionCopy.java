package dev.feedctl.transport;

import dev.feedctl.protocol.LedgerCopy;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only copy of what a {@link FeedSession} saw, taken at one moment: what a verify run's checks judge, taken
 * once its last frame was judged, so that nothing the session or its connection does later changes a verdict.
 *
 * @param channels           the channels asked for, in order
 * @param ackedAfter         as {@link FeedSession#ackedAfter()}: each acknowledged channel, in the order they were
 * @param unacknowledged     as {@link FeedSession#unacknowledged()}
 * @param sizes              the connection's largest frame and the limit it was read under
 * @param readerStalledNanos how long the connection's reader waited for feedctl, in all
 * @param readerStalls       how many times it waited
 */
public record SessionCopy(List<String> channels, Map<String, Duration> ackedAfter, List<String> unacknowledged,
                          FrameSource.Sizes sizes, long readerStalledNanos, long readerStalls, LedgerCopy ledger) {

    public SessionCopy {
        channels = List.copyOf(channels);
        ackedAfter = Collections.unmodifiableMap(new LinkedHashMap<>(ackedAfter));
        unacknowledged = List.copyOf(unacknowledged);
    }

    public static SessionCopy of(FeedSession session) {
        FrameSource conn = session.connection();
        return new SessionCopy(session.channels(), session.ackedAfter(), session.unacknowledged(), conn.sizes(),
                conn.stalledNanos(), conn.stalls(), LedgerCopy.of(session.ledger()));
    }
}
