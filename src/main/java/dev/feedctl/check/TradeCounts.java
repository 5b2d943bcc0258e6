package dev.feedctl.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What the trades comparison counted: for one product as REST's answers come in ({@link TradeJudge.Tally}), and for
 * all judged products together in the check ({@link TradesCheck}). Examples are kept up to {@link #EXAMPLES}.
 */
class TradeCounts {

    static final int EXAMPLES = 5;

    long compared;
    long missing;
    long mismatched;
    long sideMismatched;
    long outside;
    long forgotten;
    final List<String> missingExamples = new ArrayList<>();
    final List<String> mismatchExamples = new ArrayList<>();

    /** Adds {@code other}'s counts, and its examples, each after {@code prefix}, while there is room. */
    void add(TradeCounts other, String prefix) {
        compared += other.compared;
        missing += other.missing;
        mismatched += other.mismatched;
        sideMismatched += other.sideMismatched;
        outside += other.outside;
        forgotten += other.forgotten;
        other.missingExamples.forEach(e -> example(missingExamples, prefix + e));
        other.mismatchExamples.forEach(e -> example(mismatchExamples, prefix + e));
    }

    static void example(List<String> examples, String e) {
        if (examples.size() < EXAMPLES) {
            examples.add(e);
        }
    }
}
