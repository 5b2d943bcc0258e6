package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

/** The read side's framing, below the socket: what the library is handed when reads end inside frames. */
class WholeFrameDraftTest {

    /**
     * A level2 snapshot of megabytes arrives 16 KiB per read. The bytes kept between reads must not be copied again on
     * every read (8 MiB that way is gigabytes of copying): bounded here by what the thread allocates, not by time.
     */
    @Test
    void aFrameOfMegabytesInSmallReadsIsCopiedAFewTimesNotOncePerRead() throws Exception {
        int length = 8 * 1024 * 1024;
        byte[] frame = new byte[length + 10];
        frame[0] = (byte) 0x81; // FIN + text
        frame[1] = 127; // a 64-bit length follows
        ByteBuffer.wrap(frame, 2, 8).putLong(length);
        java.util.Arrays.fill(frame, 10, frame.length, (byte) 'x');
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WholeFrameDraft draft = new WholeFrameDraft(64 * 1024 * 1024);
        List<Framedata> got = new ArrayList<>();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int at = 0; at < frame.length; at += 16 * 1024) {
            got.addAll(draft.translateFrame(ByteBuffer.wrap(frame, at, Math.min(16 * 1024, frame.length - at))
                    .slice()));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(1, got.size());
        assertEquals("x".repeat(length), WholeFrameDraft.textOf(got.get(0)));
        assertTrue(allocated < 6L * length, "allocated " + allocated + " bytes for a frame of " + length);
    }

    /** The eight-bytes-at-a-time ASCII test sees a high byte wherever it is: in a whole long or in the tail. */
    @Test
    void aByteWithItsTopBitSetIsFoundAtEveryPosition() {
        for (int length = 0; length <= 40; length++) {
            byte[] text = new byte[length + 6];
            java.util.Arrays.fill(text, (byte) 0x7f);
            assertTrue(WholeFrameDraft.ascii(text, 3, 3 + length), "all ASCII, length " + length);
            for (int at = 0; at < length; at++) {
                for (int high : new int[] {0x80, 0xc3, 0xff}) {
                    text[3 + at] = (byte) high;
                    assertEquals(false, WholeFrameDraft.ascii(text, 3, 3 + length), "0x" + Integer.toHexString(high)
                            + " at " + at + " of " + length);
                    text[3 + at] = 0x7f;
                }
            }
            text[2] = (byte) 0x80; // outside the range: not looked at
            text[3 + length] = (byte) 0x80;
            assertTrue(WholeFrameDraft.ascii(text, 3, 3 + length), "bytes outside the range, length " + length);
            text[2] = 0x7f;
            text[3 + length] = 0x7f;
        }
    }
}
