package dev.feedctl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streamed stdout on a thread of its own, so a reader that is slow or gone never stops feedctl reading the socket
 * (that would look like the feed stalling) and never grows memory: text waits in a buffer bounded in characters,
 * and what does not fit is dropped and its lines counted. The writer flushes whenever it has written everything it
 * had: a pipe sees each line as soon as feedctl has nothing newer, in one write per batch.
 *
 * <p>Two buffers trade places: the command appends to one under the lock while the writer writes the other, so a
 * steady stream allocates nothing here. (It used to queue a String per piece and write it with {@code println},
 * which copies it into a new char array: a third of everything {@code subscribe} allocated at 20,000 frames/s.)
 */
final class StreamPump {

    /** Characters queued and being written, together (one piece may go over it when nothing is queued). */
    static final long CAPACITY_CHARS = 8L * 1024 * 1024;
    /** A buffer that grew past this for a burst is let go once written, so memory comes back down. */
    private static final int KEPT_CHARS = 256 * 1024;
    private static final int SLICE = 8 * 1024;

    private final PrintWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition empty = lock.newCondition();
    private final Thread writer;
    private StringBuilder pending = new StringBuilder();
    private long dropped;
    /** Characters the writer has taken and is still writing: they count against the capacity too. */
    private int writingChars;
    private boolean finished;
    private volatile boolean pipeClosed;

    StreamPump(PrintWriter out) {
        this.out = out;
        this.writer = new Thread(this::run, "feedctl-stdout");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues whole lines, each ending in {@code \n}; false when the reader is so far behind that the buffer is full:
     * then none of them is written, and their number is added to {@link #dropped}.
     */
    boolean offer(CharSequence lines) {
        lock.lock();
        try {
            if (pending.length() + (long) writingChars + lines.length() > CAPACITY_CHARS && pending.length() > 0) {
                dropped += newlines(lines);
                return false;
            }
            pending.append(lines);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static long newlines(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * The writer sleeps until text is handed over: one piece per batch the consumer drained, not one per line. It used
     * to nap 200 us at a time while lines kept coming; a timed nap costs 40-70 us of CPU on this virtual machine,
     * several times a wake-up by signal, and held each piece up to a nap longer (paired latency p50 0.55 -> 0.41 ms
     * without).
     */
    private void run() {
        StringBuilder batch = new StringBuilder();
        char[] slice = new char[SLICE];
        while (true) {
            lock.lock();
            try {
                writingChars = 0;
                empty.signalAll();
                while (pending.length() == 0 && !finished) {
                    notEmpty.awaitUninterruptibly();
                }
                if (pending.length() == 0) {
                    return;
                }
                StringBuilder full = pending;
                pending = batch;
                batch = full;
                writingChars = batch.length();
            } finally {
                lock.unlock();
            }
            for (int from = 0; from < batch.length(); from += SLICE) {
                int to = Math.min(batch.length(), from + SLICE);
                batch.getChars(from, to, slice, 0);
                out.write(slice, 0, to - from);
            }
            out.flush();
            if (out.checkError()) {
                pipeClosed = true;
            }
            batch.setLength(0);
            if (batch.capacity() > KEPT_CHARS) {
                batch = new StringBuilder();
            }
        }
    }

    boolean pipeClosed() {
        return pipeClosed;
    }

    /** Lines that were not written because the reader fell too far behind. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code grace} for the text already queued to be written; a reader that never reads does not
     * hold the command beyond it.
     */
    void finish(Duration grace) {
        long until = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            finished = true;
            notEmpty.signal();
            while ((writingChars > 0 || pending.length() > 0) && System.nanoTime() < until) {
                empty.awaitNanos(Math.max(1, until - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
