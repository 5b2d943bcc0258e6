package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class StreamPumpTest {

    @Test
    void aReaderThatNeverReadsCostsDroppedLinesNotAQueuePastItsCapacityOrTime() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() { // like a full pipe nobody drains
            @Override
            public void write(int b) throws java.io.IOException {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        StreamPump pump = new StreamPump(new PrintWriter(new OutputStreamWriter(stuck, StandardCharsets.UTF_8), false));
        String line = "x".repeat(1000) + "\n";
        long offered = 3 * StreamPump.CAPACITY_CHARS / line.length();
        for (long i = 0; i < offered; i++) {
            pump.offer(line);
        }
        // what the stuck writer holds counts against the capacity too: at most one capacity of lines is kept in all
        long kept = StreamPump.CAPACITY_CHARS / line.length() + 1;
        assertTrue(pump.notWritten() >= offered - kept, "dropped " + pump.notWritten() + " of " + offered);
        long t0 = System.nanoTime();
        pump.finish(Duration.ofMillis(300));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "finish is bounded");
    }

    /** A reader that stalls for a while: every line offered is either written, in order, or counted as dropped. */
    @Test
    void everyLineIsWrittenOrCountedAsDropped() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    stalled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(b, off, len);
                }
            }
        };
        StreamPump pump = new StreamPump(new PrintWriter(new OutputStreamWriter(slow, StandardCharsets.UTF_8), false));
        String piece = ("y".repeat(200) + "\n").repeat(5);
        long pieces = 2 * StreamPump.CAPACITY_CHARS / piece.length();
        for (long i = 0; i < pieces; i++) {
            pump.offer(piece);
        }
        assertTrue(pump.notWritten() > 0, "the buffer filled");
        assertEquals(0, pump.notWritten() % 5, "whole pieces are dropped, counted by their lines");
        stalled.countDown();
        pump.finish(Duration.ofSeconds(10));
        long lines;
        synchronized (written) {
            lines = written.toString(StandardCharsets.UTF_8).lines().filter(l -> l.equals("y".repeat(200))).count();
        }
        assertEquals(5 * pieces, lines + pump.notWritten());
    }

    @Test
    void everyLineReachesAReaderThatReadsInOrder() {
        StringWriter text = new StringWriter();
        StreamPump pump = new StreamPump(new PrintWriter(text));
        for (int i = 0; i < 10_000; i++) {
            pump.offer("line " + i + "\n");
        }
        pump.finish(Duration.ofSeconds(5));
        String[] lines = text.toString().split("\n");
        assertEquals(10_000, lines.length);
        assertEquals("line 9999", lines[9999].strip());
        assertEquals(0, pump.notWritten());
    }

    /**
     * Like a pipe whose reader stopped: writes that fit are taken whole, the first that does not blocks until
     * interrupted and takes nothing. At the end every line offered is written or counted as not written, exactly,
     * including the 8 MiB still queued when the command gave up waiting (that used to vanish uncounted).
     */
    @Test
    void atTheEndEveryLineIsWrittenOrCountedExactly() throws Exception {
        java.io.ByteArrayOutputStream taken = new java.io.ByteArrayOutputStream();
        int room = 64 * 1024;
        OutputStream pipe = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
                if (taken.size() + len > room) {
                    try {
                        wait(); // until interrupted, as a blocked write on stdout's channel is
                    } catch (InterruptedException e) {
                        throw new java.nio.channels.ClosedByInterruptException();
                    }
                }
                taken.write(b, off, len);
            }
        };
        StreamPump pump = new StreamPump(new PrintWriter(new OutputStreamWriter(pipe, StandardCharsets.UTF_8), false));
        long offered = 0;
        for (int i = 0; i < 40_000; i++) {
            String lines = ("z".repeat(300 + i % 200) + " " + i + "\n").repeat(1 + i % 3);
            pump.offer(lines);
            offered += 1 + i % 3;
        }
        pump.finish(Duration.ofMillis(200));
        long written;
        synchronized (pipe) {
            written = taken.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
        }
        assertTrue(pump.notWritten() > StreamPump.CAPACITY_CHARS / 600, "the queue was counted: " + pump.notWritten());
        assertEquals(offered, written + pump.notWritten(), "written " + written + ", counted " + pump.notWritten());
        assertEquals(written, pump.written());
    }

    @Test
    void eachWriteCarriesWholeLinesAPipeTakesAtOnce() {
        String lines = ("a".repeat(999) + "\n").repeat(10);
        assertEquals(4000, PipeChunks.end(lines, 0), "four 1,000-byte lines fit in 4,096 bytes, five do not");
        assertEquals(8000, PipeChunks.end(lines, 4000));
        String wide = ("é".repeat(999) + "\n").repeat(3); // two bytes each in UTF-8
        assertEquals(2000, PipeChunks.end(wide, 0));
        String longLine = "b".repeat(10_000) + "\nc\n";
        assertEquals(10_001, PipeChunks.end(longLine, 0), "a line longer than a pipe takes goes alone");
        assertEquals(longLine.length(), PipeChunks.end(longLine, 10_001));
    }
}
