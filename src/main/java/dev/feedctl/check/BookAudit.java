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
    /** Changes packed as they came, folded into the books before anything reads them. */
    private final ChangeBatch held = new ChangeBatch();

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

    /**
     * Every data frame, valid or not: a negative or unreadable size is this check's to name too. The common changes
     * are packed ({@link ChangeBatch}) and folded in a batch when REST's answers are looked at or the batch is full;
     * any other event is folded as it came, after what is held.
     */
    void fold(Frame.Data d) {
        if (d.timestamp() != null && (seenThrough == null || d.timestamp().isAfter(seenThrough))) {
            seenThrough = d.timestamp();
        }
        List<Event> events = d.events();
        for (int i = 0; i < events.size(); i++) { // by index: no iterator per frame (verify runs on C1 alone)
            if (events.get(i) instanceof Event.L2 l2 && !held.offer(l2)) {
                held.foldInto(socket);
                if (!held.offer(l2)) {
                    socket.fold(l2, d.timestamp());
                }
            }
        }
    }

    @Override
    void drain() {
        if (judge.take(auditor)) { // the books are read only to judge REST's
            held.foldInto(socket);
            judge.drain(socket, seenThrough, false);
        }
    }

    /** The books as the run ended are in: a REST book from after the socket's last frame is judged too. */
    @Override
    void drainLast() {
        held.foldInto(socket);
        judge.take(auditor);
        judge.drain(socket, seenThrough, true);
    }
}
