package dev.feedctl.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows one connection's {@code sequence_num}, which counts every frame on the connection (docs/protocol.md §5).
 * Counts are exact; only the first {@value #KEPT} anomalies keep their positions, so memory stays flat for hours.
 */
public final class SequenceTracker {

    static final int KEPT = 100;

    public enum Kind { GAP, DUPLICATE, REGRESSION }

    /**
     * @param frameIndex 0-based index of the frame on the connection where it was seen
     * @param expected   the number that should have come
     * @param actual     the number that came
     */
    public record Anomaly(Kind kind, long frameIndex, long expected, long actual) {
        public long missing() {
            return kind == Kind.GAP ? actual - expected : 0;
        }
    }

    private long last = -1;
    private long frames;
    private long gaps;
    private long missing;
    private long duplicates;
    private long regressions;
    private final List<Anomaly> anomalies = new ArrayList<>();

    public void observe(long sequence) {
        long index = frames++;
        if (last < 0) {
            last = sequence;
            return;
        }
        if (sequence == last + 1) {
            last = sequence;
        } else if (sequence > last + 1) {
            gaps++;
            missing += sequence - last - 1;
            keep(new Anomaly(Kind.GAP, index, last + 1, sequence));
            last = sequence;
        } else if (sequence == last) {
            duplicates++;
            keep(new Anomaly(Kind.DUPLICATE, index, last + 1, sequence));
        } else {
            regressions++;
            keep(new Anomaly(Kind.REGRESSION, index, last + 1, sequence));
        }
    }

    private void keep(Anomaly a) {
        latest = a;
        if (anomalies.size() < KEPT) {
            anomalies.add(a);
        }
    }

    /**
     * The figures so far, read together by checks and reports.
     *
     * @param frames  frames that carried a sequence number
     * @param missing how many sequence numbers the gaps skipped in all
     * @param last    the latest number that moved the sequence on; -1 before any
     */
    public record Counts(long frames, long gaps, long missing, long duplicates, long regressions, long last) {

        public boolean clean() {
            return gaps == 0 && duplicates == 0 && regressions == 0;
        }
    }

    public Counts counts() {
        return new Counts(frames, gaps, missing, duplicates, regressions, last);
    }

    private Anomaly latest;

    /** The most recent anomaly, kept or not (only the first {@value #KEPT} are kept); null before any. */
    public Anomaly latest() {
        return latest;
    }

    /** Gaps, duplicates and regressions so far: read after every frame, so without a {@link Counts} each time. */
    public long anomalyCount() {
        return gaps + duplicates + regressions;
    }

    public List<Anomaly> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }
}
