package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-off between the read thread and the consumer: bounded in bytes, lossless, in order, taken in batches. */
@Timeout(30)
class FrameHandoffTest {

    /** A read thread putting {@code frames} texts, {@code format} filled with 0, 1, 2, …, as fast as it may. */
    private static Thread startReader(FrameHandoff handoff, int frames, String format) {
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    handoff.putText(String.format(format, i), Clock.systemUTC());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        return reader;
    }

    @Test
    void aReaderFasterThanTheConsumerWaitsAndEveryFrameArrivesInOrder() throws Exception {
        int frames = 5_000;
        // room for about ten frames: the reader must wait again and again while the consumer takes batches
        FrameHandoff handoff = new FrameHandoff(10 * FrameHandoff.sizeOf("{\"n\":0000}"), 200_000);
        Thread reader = startReader(handoff, frames, "{\"n\":%04d}");
        List<String> got = new ArrayList<>();
        while (got.size() < frames) {
            Inbound in = handoff.poll(5_000_000_000L);
            assertTrue(in instanceof Inbound.Text, "frame " + got.size() + " did not arrive: " + in);
            got.add(((Inbound.Text) in).text());
            if (got.size() % 97 == 0) {
                Thread.sleep(1); // a consumer that falls behind now and then
            }
        }
        reader.join();
        for (int i = 0; i < frames; i++) {
            assertEquals(String.format("{\"n\":%04d}", i), got.get(i));
        }
        assertTrue(handoff.stalls() > 0, "the reader never had to wait");
        assertTrue(handoff.isEmpty());
    }

    /**
     * A reader held up by a full hand-off resumes once a sixteenth of the room is free, not after every batch the
     * consumer takes: few long pauses instead of one per batch, and still every frame, in order.
     */
    @Test
    void aWaitingReaderResumesOnceASixteenthIsFreeNotPerBatch() throws Exception {
        int room = 16_000;
        int frames = room + 4_000;
        FrameHandoff handoff = new FrameHandoff(room * FrameHandoff.sizeOf("{\"n\":00000}"), 200_000);
        Thread reader = startReader(handoff, frames, "{\"n\":%05d}");
        while (handoff.stalls() == 0) {
            Thread.sleep(1); // the reader fills the hand-off first
        }
        assertTrue(handoff.readerWaiting(), "the reader is held up by the full hand-off");
        for (int i = 0; i < frames; i++) {
            Inbound in = handoff.poll(5_000_000_000L);
            assertEquals(String.format("{\"n\":%05d}", i), ((Inbound.Text) in).text());
            if (i % 200 == 0) {
                Thread.sleep(1); // slower than the reader: it catches up and waits again whenever it may
            }
        }
        reader.join();
        assertFalse(handoff.readerWaiting(), "every frame was taken: the reader is not held up");
        // 4,000 frames beyond the room, resumed 1,000 at a time: about four pauses (one per 64-frame batch was ~60)
        assertTrue(handoff.stalls() <= 8, "the reader paused " + handoff.stalls() + " times");
        assertTrue(handoff.isEmpty());
    }

    @Test
    void framesTakenInABatchStillCountAsWaiting() throws Exception {
        FrameHandoff handoff = new FrameHandoff(1 << 20, 200_000);
        for (int i = 0; i < 3; i++) {
            handoff.putText("{\"n\":" + i + "}", Clock.systemUTC());
        }
        assertEquals("{\"n\":0}", ((Inbound.Text) handoff.poll(0)).text());
        assertFalse(handoff.isEmpty(), "two frames are still to be handed out");
        handoff.putClosed(new Inbound.Closed(null));
        assertEquals("{\"n\":1}", ((Inbound.Text) handoff.poll(0)).text());
        assertEquals("{\"n\":2}", ((Inbound.Text) handoff.poll(0)).text());
        assertTrue(handoff.poll(0) instanceof Inbound.Closed, "the close comes after every frame before it");
        assertTrue(handoff.isEmpty());
    }
}
