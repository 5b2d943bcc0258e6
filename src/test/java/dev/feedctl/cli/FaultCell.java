package dev.feedctl.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One cell of {@link FaultMatrixTest}'s table: the exit code a command must give against a scenario, and the
 * evidence its output must show.
 *
 * @param evidence regular expressions each found in stdout or stderr ({@code stderr:} first: on stderr), or one of
 *                 the named shapes of subscribe's stream
 */
record FaultCell(int exit, List<String> evidence) {

    /** subscribe's text shows a jump in sequence_num: a frame the exchange numbered never arrived. */
    static final String SEQ_JUMP = "<sequence_num jumps>";
    /** subscribe's text ends with heartbeats only: data stopped, the connection lives. */
    static final String DATA_THEN_HEARTBEATS = "<heartbeats after the last data frame>";
    /** subscribe's text stops a second into a 3 s run: nothing at all arrives after it. */
    static final String STREAM_STOPS = "<the stream stops early>";

    static FaultCell ok(String... evidence) {
        return new FaultCell(0, List.of(evidence));
    }

    static FaultCell fail(int exit, String... evidence) {
        return new FaultCell(exit, List.of(evidence));
    }

    static boolean seen(String evidence, Run r) {
        return switch (evidence) {
            case SEQ_JUMP -> StreamShape.of(r.outLines()).jumps() > 0;
            case DATA_THEN_HEARTBEATS -> StreamShape.of(r.outLines()).heartbeatsAfterData();
            case STREAM_STOPS -> StreamShape.of(r.outLines()).spanMillis() < 1_800;
            default -> evidence.startsWith("stderr:")
                    ? Pattern.compile(evidence.substring("stderr:".length())).matcher(r.err()).find()
                    : Pattern.compile(evidence).matcher(r.out() + "\n" + r.err()).find();
        };
    }

    @Override
    public String toString() {
        return "exit " + exit + ", " + String.join(" + ", evidence);
    }
}
