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
    private final Thread thread;
    private long lastDrain = System.nanoTime();
    /** The latest frame time the socket delivered: REST books from later moments cannot be judged. */
    private java.time.Instant seenThrough;

    BookAudit(RestClient rest, List<String> products, int depth, long endNanos) {
        this.depth = depth;
        this.auditor = new BookAuditor(rest, products, depth, endNanos);
        this.judge = new BookJudge(depth);
        this.thread = new Thread(auditor, "feedctl-rest-book");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the REST thread at once (tail, when it stops). */
    void stop() {
        auditor.stop();
        thread.interrupt();
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

    void drain() {
        judge.drain(auditor, socket, seenThrough, false);
    }

    /**
     * {@link #drain} at most every {@link CheckSettings#AUDIT_DRAIN}: verify asks after every frame, and thousands
     * of looks a second at REST's queue find nothing new.
     */
    void drainSoon() {
        long now = System.nanoTime();
        if (now - lastDrain >= CheckSettings.AUDIT_DRAIN.toNanos()) {
            lastDrain = now;
            drain();
        }
    }

    /** Ends the REST thread, fetches the books as the run ended, judges them all before {@code deadlineNanos}. */
    void finish(long deadlineNanos) throws InterruptedException {
        auditor.stop();
        thread.interrupt();
        thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        auditor.finish(deadlineNanos);
        judge.drain(auditor, socket, seenThrough, true);
    }
}
