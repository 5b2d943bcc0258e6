package dev.feedctl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streamed stdout on a thread of its own, so a reader that is slow or gone never stops feedctl reading the socket
 * (that would look like the feed stalling) and never grows memory: text waits in a buffer bounded in characters,
 * and what does not fit is dropped and its lines counted. The writer flushes whenever it has written everything it
 * had: a pipe sees each line as soon as feedctl has nothing newer.
 *
 * <p>Every line offered is, at the end, either written or counted in {@link #notWritten}: exactly, because a line
 * counts as written only once the write that carried it returned, and each write carries whole lines of at most
 * {@link PipeChunks#ATOMIC_BYTES} (a pipe takes such a write whole or not at all, POSIX's PIPE_BUF). Under a write
 * still blocked when {@link #finish} gives up, stdout is closed ({@link Stdout#abandon}): the write then returns
 * having written all of its lines, or fails having written none.
 *
 * <p>Two buffers trade places: the command appends to one under the lock while the writer writes the other, so a
 * steady stream allocates nothing here.
 */
final class StreamPump {

    /** Characters queued and being written, together (one piece may go over it when nothing is queued). */
    static final long CAPACITY_CHARS = 8L * 1024 * 1024;
    /** A buffer that grew past this for a burst is let go once written, so memory comes back down. */
    private static final int KEPT_CHARS = 256 * 1024;
    private static final int SLICE = 8 * 1024;
    private static final long INTERRUPTED_WRITE_WAIT_MS = 500;

    private final PrintWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Thread writer;
    private StringBuilder pending = new StringBuilder();
    private long dropped;
    private long accepted;
    private long written;
    /** Characters the writer has taken and not yet written: they count against the capacity too. */
    private int writingChars;
    private boolean finished;
    /** Set when {@link #finish} gave up or the writer failed: nothing more is written, every line left is counted. */
    private volatile boolean abandoned;
    private volatile boolean pipeClosed;
    private volatile Throwable failure;

    StreamPump(PrintWriter out) {
        this.out = out;
        this.writer = new Thread(this::run, "feedctl-stdout");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues whole lines, each ending in {@code \n}; false when the reader is so far behind that the buffer is full
     * (or the writer has stopped): then none of them is written, and their number is added to {@link #notWritten}.
     */
    boolean offer(CharSequence lines) {
        long n = PipeChunks.lines(lines, 0, lines.length());
        lock.lock();
        try {
            if (abandoned || pending.length() + (long) writingChars + lines.length() > CAPACITY_CHARS
                    && pending.length() > 0) {
                dropped += n;
                return false;
            }
            pending.append(lines);
            accepted += n;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** An unexpected exception ends the writer, said once at {@link #finish}; the command ends as on a closed pipe. */
    private void run() {
        try {
            writeUntilFinished();
        } catch (RuntimeException | Error e) {
            failure = e;
            lock.lock();
            try {
                abandoned = true;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The writer sleeps until text is handed over: one wake-up per batch the consumer drained, not one per line. */
    private void writeUntilFinished() {
        StringBuilder batch = new StringBuilder();
        char[] slice = new char[SLICE];
        while (true) {
            lock.lock();
            try {
                writingChars = 0;
                progress.signalAll();
                while (pending.length() == 0 && !finished && !abandoned) {
                    notEmpty.awaitUninterruptibly();
                }
                if (pending.length() == 0 || abandoned) {
                    return;
                }
                StringBuilder full = pending;
                pending = batch;
                batch = full;
                writingChars = batch.length();
            } finally {
                lock.unlock();
            }
            for (int from = 0; from < batch.length() && !abandoned; ) {
                int to = PipeChunks.end(batch, from);
                writeWhole(batch, from, to, slice);
                from = to;
            }
            batch.setLength(0);
            if (batch.capacity() > KEPT_CHARS) {
                batch = new StringBuilder();
            }
        }
    }

    /** Writes {@code batch[from, to)} in one flush and counts its lines written once the write returned whole. */
    private void writeWhole(StringBuilder batch, int from, int to, char[] slice) {
        for (int at = from; at < to; at += slice.length) {
            int end = Math.min(to, at + slice.length);
            batch.getChars(at, end, slice, 0);
            out.write(slice, 0, end - at);
        }
        out.flush();
        boolean ok = !out.checkError();
        lock.lock();
        try {
            if (ok) { // even when finish gave up meanwhile: it waits for this answer before it counts
                written += PipeChunks.lines(batch, from, to);
            } else if (!abandoned) {
                pipeClosed = true; // the reader went away (`| head`): the command ends quietly
            }
            writingChars -= to - from;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean pipeClosed() {
        return pipeClosed || failure != null;
    }

    /** The unexpected exception that stopped the writer, or null. */
    Throwable failure() {
        return failure;
    }

    /**
     * Lines offered that are not (yet) written: dropped because the reader fell too far behind, still queued, or in
     * a write that has not returned. After {@link #finish}, the exact number that never reached stdout.
     */
    long notWritten() {
        lock.lock();
        try {
            return dropped + accepted - written;
        } finally {
            lock.unlock();
        }
    }

    /** Lines written whole: their write returned. */
    long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code grace} for the text already queued to be written; a reader that never reads does not hold
     * the command beyond it: then the write under way is interrupted and nothing more is written.
     */
    void finish(Duration grace) {
        long until = System.nanoTime() + grace.toNanos();
        boolean gaveUp = false;
        lock.lock();
        try {
            finished = true;
            notEmpty.signal();
            while ((writingChars > 0 || pending.length() > 0) && !abandoned && !pipeClosed
                    && System.nanoTime() < until) {
                progress.awaitNanos(Math.max(1, until - System.nanoTime()));
            }
            if (writingChars > 0 || pending.length() > 0) {
                abandoned = true;
                gaveUp = true;
                notEmpty.signal();
            }
        } catch (InterruptedException e) {
            abandoned = true;
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (gaveUp) {
            if (out instanceof Stdout stdout) {
                stdout.abandon(); // the blocked write returns having written all or nothing, and says which
            } else {
                writer.interrupt();
            }
            try {
                writer.join(INTERRUPTED_WRITE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
