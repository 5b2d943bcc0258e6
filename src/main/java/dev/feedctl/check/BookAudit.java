package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.transport.RestClient;
import java.util.List;

/**
 * The {@code book} check's moving parts for one verify run: the socket's books with their recent changes, the REST
 * thread that fetches product_book, and the judge that lines the two up on REST's time.
 */
final class BookAudit {

    static final int DEFAULT_DEPTH = 10;

    final SocketBook socket = new SocketBook();
    final BookAuditor auditor;
    final BookJudge judge;
    final int depth;
    private final RestThread thread;
    /** The latest frame time the socket delivered: REST books from later moments cannot be judged. */
    private java.time.Instant seenThrough;

    BookAudit(RestClient rest, List<String> products, int depth, long endNanos) {
        this.depth = depth;
        this.auditor = new BookAuditor(rest, products, depth, endNanos);
        this.judge = new BookJudge(depth);
        this.thread = new RestThread(auditor, "feedctl-rest-book");
    }

    void start() {
        thread.start();
    }

    /** Ends the REST thread at once (tail, when it stops). */
    void stop() {
        thread.stop();
    }

    /** Every data frame, valid or not: a negative or unreadable size is this check's to name too. */
    void fold(Frame.Data d) {
        if (d.timestamp() != null && (seenThrough == null || d.timestamp().isAfter(seenThrough))) {
            seenThrough = d.timestamp();
        }
        for (Event e : d.events()) {
            if (e instanceof Event.L2 l2) {
                socket.fold(l2, d.timestamp());
            }
        }
    }

    void drain() {
        judge.drain(auditor, socket, seenThrough, false);
    }

    /** {@link #drain} when it is due ({@link RestThread#lookDue}). */
    void drainSoon() {
        if (thread.lookDue()) {
            drain();
        }
    }

    /** Ends the REST thread, fetches the books as the run ended, judges them all before {@code deadlineNanos}. */
    void finish(long deadlineNanos) throws InterruptedException {
        thread.end(deadlineNanos);
        auditor.finish(deadlineNanos);
        judge.drain(auditor, socket, seenThrough, true);
    }
}
