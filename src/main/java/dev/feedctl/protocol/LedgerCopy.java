package dev.feedctl.protocol;

import java.util.List;

/**
 * A read-only copy of everything a {@link FrameLedger} holds, taken at one moment: what a verify run's checks judge,
 * taken once its last frame was folded in, so that nothing folded in later changes a verdict or a report. Its parts
 * are the ledger's own read-only figures.
 *
 * @param anomalies the sequence anomalies kept (the first {@value SequenceTracker#KEPT})
 */
public record LedgerCopy(FrameLedger.Tally tally, SequenceTracker.Counts sequence,
                         List<SequenceTracker.Anomaly> anomalies, HeartbeatTracker.Seen heartbeats,
                         ExchangeLag.Summary lag, ProductAges.LastUpdates ages) {

    public LedgerCopy {
        anomalies = List.copyOf(anomalies);
    }

    public static LedgerCopy of(FrameLedger ledger) {
        return new LedgerCopy(ledger.tally(), ledger.sequence().counts(), ledger.sequence().anomalies(),
                ledger.heartbeats().seen(), ledger.lag().summary(), ledger.ages().lastUpdates());
    }
}
