package dev.feedctl.check;

import java.util.List;
import java.util.Set;

/**
 * What the {@code book} audit found, as the check reads it once the audit is finished: the judge's comparisons of
 * REST's books with the socket's, what the socket's book alone showed wrong, and what REST was asked. Immutable: a
 * copy of the audit's figures, which tail's audit goes on changing.
 */
final class BookFindings {

    final int depth;
    final Judged judge;
    final Socket socket;
    final RestTally.Seen tally;

    BookFindings(BookAudit a) {
        this.depth = a.depth;
        this.judge = new Judged(a.judge);
        this.socket = new Socket(a.socket);
        this.tally = a.auditor.tally.seen();
    }

    /** The judge's figures ({@link BookJudge}). */
    static final class Judged {
        final long comparisons;
        final long levelsAgreed;
        final long explained;
        final long differences;
        final long differing;
        final long unaligned;
        final List<BookJudge.Difference> examples;
        final Set<String> products;

        Judged(BookJudge j) {
            comparisons = j.comparisons;
            levelsAgreed = j.levelsAgreed;
            explained = j.explained;
            differences = j.differences;
            differing = j.differing;
            unaligned = j.unaligned;
            examples = List.copyOf(j.examples);
            products = Set.copyOf(j.products);
        }
    }

    /** What the socket's book alone showed wrong ({@link SocketBook}). */
    static final class Socket {
        final long crossed;
        final String firstCrossed;
        final long badSizes;
        final String firstBadSize;

        Socket(SocketBook s) {
            crossed = s.crossed;
            firstCrossed = s.firstCrossed;
            badSizes = s.badSizes;
            firstBadSize = s.firstBadSize;
        }
    }
}
