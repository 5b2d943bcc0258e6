package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.transport.RestClient;
import java.util.List;

/**
 * The {@code book} check's moving parts for one verify run: the socket's books with their recent changes, the REST
 * thread that fetches product_book, and the judge that lines the two up on REST's time.
 */
final class BookAudit extends RestAudit {

    static final int DEFAULT_DEPTH = 10;

    final SocketBook socket = new SocketBook();
    final BookAuditor auditor;
    final BookJudge judge;
    final int depth;
    /** The latest frame time the socket delivered: REST books from later moments cannot be judged. */
    private java.time.Instant seenThrough;

    BookAudit(RestClient rest, List<String> products, int depth, long endNanos) {
        super("feedctl-rest-book");
        this.depth = depth;
        this.auditor = new BookAuditor(rest, products, depth, endNanos);
        this.judge = new BookJudge(depth);
    }

    @Override
    RestRounds rounds() {
        return auditor;
    }

    /** Every data frame, valid or not: a negative or unreadable size is this check's to name too. */
    void fold(Frame.Data d) {
        if (d.timestamp() != null && (seenThrough == null || d.timestamp().isAfter(seenThrough))) {
            seenThrough = d.timestamp();
        }
        List<Event> events = d.events();
        for (int i = 0; i < events.size(); i++) { // by index: no iterator per frame (verify runs on C1 alone)
            if (events.get(i) instanceof Event.L2 l2) {
                socket.fold(l2, d.timestamp());
            }
        }
    }

    @Override
    void drain() {
        judge.drain(auditor, socket, seenThrough, false);
    }

    /** The books as the run ended are in: a REST book from after the socket's last frame is judged too. */
    @Override
    void drainLast() {
        judge.drain(auditor, socket, seenThrough, true);
    }
}
