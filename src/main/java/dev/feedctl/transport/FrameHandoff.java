package dev.feedctl.transport;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read thread's hand-off to the consumer, bounded in bytes. When it is full the read thread waits: the socket
 * is then not read, and TCP backpressure slows the server down instead of feedctl dropping a frame (a lost frame
 * would look like the feed's fault). The time the reader spent waiting is counted, so every silence feedctl
 * measures can leave out the part that was feedctl's own. A frame larger than the whole capacity is still taken
 * when the queue is empty. Once {@link #release released} (the consumer is gone) the reader never waits again.
 */
final class FrameHandoff {

    private final long capacityBytes;
    private final ArrayDeque<Inbound> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean released;
    private volatile long stalledNanos;
    private volatile long stalls;
    /**
     * While frames keep coming, the consumer naps {@code lingerNanos} when it finds nothing instead of waiting to be
     * woken: a wake-up per frame costs more than the frame's whole validation (measured: 25 vs 6.5 us a frame at
     * 20,000 frames/s). The nap is what a frame may wait here, and each one is a wake-up: 200 us is ~2,600 wake-ups
     * a second of the consumer and as many of the stdout writer; 1 ms is ~780 (see {@link ConnectSpec#linger}).
     * After {@link #IDLE_LINGERS} empty naps, or a millisecond of them, it waits to be woken, so an idle feed costs
     * nothing.
     */
    private final long lingerNanos;
    private final int idleLingers;
    static final int IDLE_LINGERS = 5;
    private int emptyLingers;

    /**
     * A reader waiting for room is woken once a sixteenth of the capacity is free again, not for every frame taken:
     * with feedctl behind the feed it used to resume after every batch of 64 and wait again at once, a wake-up of each
     * thread per batch (at full rate, 3 % of the consumer's CPU was waking it). The socket then pauses in fewer,
     * longer stretches (128 KiB of frames at the default capacity); the frames read are the same.
     */
    private final long resumeAtBytes;
    /** Set and cleared under the lock; volatile so {@link #readerWaiting()} can look without taking it. */
    private volatile boolean readerWaiting;

    FrameHandoff(long capacityBytes, long lingerNanos) {
        this.capacityBytes = capacityBytes;
        this.resumeAtBytes = capacityBytes - capacityBytes / 16;
        this.lingerNanos = lingerNanos;
        this.idleLingers = (int) Math.max(1, Math.min(IDLE_LINGERS, 1_000_000 / Math.max(1, lingerNanos)));
        this.emptyLingers = idleLingers;
    }

    /** Approximate heap cost of a text frame: UTF-16 characters plus the objects around them. */
    static long sizeOf(String text) {
        return 2L * text.length() + 96;
    }

    /** Reader side: adds a text frame, waiting while the hand-off is full. */
    void putText(String text, java.time.Clock clock) throws InterruptedException {
        long size = sizeOf(text);
        lock.lock();
        try {
            Inbound.Text frame = new Inbound.Text(text, clock.instant(), System.nanoTime(), stalledNanos);
            if (!released && bytes > 0 && bytes + size > capacityBytes) {
                long t0 = System.nanoTime();
                stalls++;
                readerWaiting = true;
                try {
                    while (!released && bytes > 0 && bytes + size > capacityBytes) {
                        notFull.await();
                    }
                } finally {
                    readerWaiting = false;
                }
                stalledNanos += System.nanoTime() - t0;
            }
            if (released) {
                return; // nobody will read it: the run is over
            }
            items.addLast(frame);
            bytes += size;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Reader side: a binary frame, by its size only; never waits (it holds no payload). */
    void putBinary(int bytes, java.time.Clock clock) {
        lock.lock();
        try {
            if (!released) {
                items.addLast(new Inbound.Binary(bytes, clock.instant(), System.nanoTime(), stalledNanos));
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reader side: the end of the connection; never waits. */
    void putClosed(Inbound.Closed closed) {
        lock.lock();
        try {
            items.addLast(closed);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Consumer side: the next item, or null after {@code timeoutNanos}. Only one consumer thread. */
    Inbound poll(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (emptyLingers < idleLingers) {
            Inbound in = take();
            if (in != null) {
                emptyLingers = 0;
                return in;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            emptyLingers++;
            LockSupport.parkNanos(Math.min(lingerNanos, left));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        lock.lock(); // nothing is left in taken here: a batch is only taken above, and taking one resets the naps
        try {
            long left = deadline - System.nanoTime();
            while (items.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            emptyLingers = 0;
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frames moved out of the queue under one lock and handed out one by one without it; only the consumer touches
     * them. Taking them one lock at a time, with the queue full (feedctl behind the feed), woke the waiting reader for
     * every single frame freed: at full rate it blocked 17,000-34,000 times a second and used twice the CPU (measured
     * per thread from /proc, 5 s at ~110,000 frames/s: 108-127 ticks before, 59-63 after). A batch is at most
     * {@link #BATCH} frames and {@link #BATCH_BYTES} beyond the first, so memory stays within the capacity plus that.
     */
    private final ArrayDeque<Inbound> taken = new ArrayDeque<>();
    static final int BATCH = 64;
    static final long BATCH_BYTES = 1L << 20;

    private Inbound take() {
        Inbound next = taken.pollFirst();
        if (next != null) {
            return next;
        }
        lock.lock();
        try {
            long moved = 0;
            for (int i = 0; i < BATCH && !items.isEmpty() && moved < BATCH_BYTES; i++) {
                Inbound in = removeFirst();
                if (in instanceof Inbound.Text t) {
                    moved += sizeOf(t.text());
                }
                taken.addLast(in);
            }
        } finally {
            lock.unlock();
        }
        return taken.pollFirst();
    }

    private Inbound removeFirst() {
        Inbound in = items.pollFirst();
        if (in instanceof Inbound.Text t) {
            bytes -= sizeOf(t.text());
            if (readerWaiting && bytes <= resumeAtBytes) {
                notFull.signal();
            }
        }
        return in;
    }

    boolean isEmpty() {
        if (!taken.isEmpty()) {
            return false;
        }
        lock.lock();
        try {
            return items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The consumer is gone: wake the reader and never make it wait again. */
    void release() {
        lock.lock();
        try {
            released = true;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Total time the reader waited for room: feedctl's own share of any silence it measures. */
    long stalledNanos() {
        return stalledNanos;
    }

    /** How many times the reader had to wait. */
    long stalls() {
        return stalls;
    }

    /** Whether the reader is waiting for room right now: frames the server sent are held back in the kernel. */
    boolean readerWaiting() {
        return readerWaiting;
    }
}
