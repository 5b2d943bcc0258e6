package dev.feedctl.check;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code book}: the socket's level2 book against REST's product_book at the moment REST read it, top levels per side;
 * and, with no REST needed, a book that is crossed or has a size that is negative or not a number.
 */
final class BookCheck {

    static final String NAME = "book";

    private BookCheck() {
    }

    static CheckResult check(BookFindings a) {
        BookFindings.Judged j = a.judge;
        BookFindings.Socket s = a.socket;
        RestTally.Seen tally = a.tally;
        String rest = tally.evidence("product_book");
        if (tally.failure() != null) { // whatever was compared before, the comparison did not run its course
            return CheckResult.fail(NAME, ExitCode.INTERNAL, rest, tally.lastProblem(),
                    "a bug in feedctl: please report it with this report", Map.of());
        }
        Map<String, Object> data = CheckResult.data("comparisons", j.comparisons, "levels_agreed", j.levelsAgreed,
                "explained_in_flight", j.explained, "differences", j.differences, "comparisons_differing", j.differing,
                "not_aligned", j.unaligned, "crossed", s.crossed, "bad_sizes", s.badSizes, "depth", a.depth,
                "rest_calls", tally.requests(), "rest_refused", tally.refused());
        if (s.crossed > 0 || s.badSizes > 0) {
            String why = (s.crossed > 0 ? "crossed book " + s.crossed + (s.crossed == 1 ? " time" : " times")
                    + ", first " + s.firstCrossed : "") + (s.crossed > 0 && s.badSizes > 0 ? "; " : "")
                    + (s.badSizes > 0 ? s.badSizes + " levels with a size that is negative or not a number, first "
                    + s.firstBadSize : "");
            return CheckResult.fail(NAME, ExitCode.VERIFICATION_FAILED, evidence(a) + "; " + rest, why,
                    "a book the feed itself makes impossible: resubscribe level2 for a fresh snapshot and report the "
                    + "frames (subscribe --annotate) to the feed's operator", data);
        }
        if (j.differences > 0) {
            return CheckResult.fail(NAME, ExitCode.VERIFICATION_FAILED, evidence(a) + "; " + rest, "book drift: "
                    + j.differing + " of " + j.comparisons + " REST books differ from the socket's beyond what "
                    + "updates in flight explain (" + j.differences + " level differences); " + j.examples.stream().map(BookJudge.Difference::describe)
                    .collect(Collectors.joining("; ")), "a level2 update was lost: resubscribe level2 for a fresh "
                    + "snapshot (a client should do so on any doubt)", data);
        }
        if (j.comparisons == 0) {
            String why = tally.lastProblem() != null ? "no REST book to compare: " + tally.lastProblem()
                    : j.unaligned > 0 ? "REST's books were from moments the socket's book cannot be lined up with ("
                    + j.unaligned + ": before its snapshot, beyond the " + SocketBook.KEEP.toSeconds() + " s of "
                    + "changes kept, or after its last frame)" : "no REST book was fetched (run longer with --duration)";
            return CheckResult.warn(NAME, evidence(a) + "; " + rest, why, tally.refused() > 0 ? "lower the REST "
                    + "budget (--rest-budget) or run again later" : null, data);
        }
        if (j.levelsAgreed + j.explained == 0) { // two empty books agree, but they show nothing of the feed
            return CheckResult.warn(NAME, evidence(a) + "; " + rest, "no level to compare: REST's books and the "
                    + "socket's were empty on both sides at every comparison", "run again when the product has a book "
                    + "(or check that level2 and REST name the same product)", data);
        }
        return CheckResult.pass(NAME, evidence(a) + "; " + rest, data);
    }

    private static String evidence(BookFindings a) {
        BookFindings.Judged j = a.judge;
        return j.comparisons + " REST books compared with the socket's at REST's time on " + j.products.size()
                + (j.products.size() == 1 ? " product" : " products") + ", top " + a.depth + " levels a side: "
                + j.levelsAgreed + " levels agreed, " + j.explained + " differences explained by updates within "
                + "REST's lag (" + CheckSettings.REST_LAG.toMillis() + " ms), " + j.differences + " not; crossed "
                + a.socket.crossed + ", bad sizes " + a.socket.badSizes + (j.unaligned > 0 ? "; " + j.unaligned + " REST "
                + (j.unaligned == 1 ? "book" : "books") + " from a moment the socket's stream did not cover not judged"
                : "");
    }
}
