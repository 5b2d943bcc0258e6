package dev.feedctl.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;

/**
 * RFC 6455 as Java-WebSocket implements it, with shortcuts on the read thread for what the library makes slow.
 *
 * <ul>
 * <li>The library learns that a read ended inside a frame by throwing an exception, with its stack trace, once per
 * socket read (most of the read thread's own time at 20,000 frames/s). So only whole frames are handed to it; the tail
 * of a read waits here for the rest of its frame, in one buffer reused from read to read.
 * <li>A whole, unmasked text frame with no reserved bits and an all-ASCII payload (every Advanced Trade frame) becomes a
 * String here, in one copy ({@link #plainText}).
 * <li>Other whole text messages in one frame become a String through the JDK's UTF-8 decoder, in one copy, instead of
 * the library's CharsetDecoder and CharBuffer; the library has already checked that the payload is valid UTF-8.
 * <li>When the library refuses a frame (invalid UTF-8: 1007; too large: 1009; malformed: 1002), the frames before it in
 * the same read are still delivered, then the connection closes as the library decided. Before, a refusal lost every
 * frame of that read.
 * </ul>
 * Fragmented messages, control frames and everything else take the library's own path.
 */
final class WholeFrameDraft extends Draft_6455 {

    private final int maxMessageSize;
    /** A fragmented message is under way: its frames go through the library, which assembles them. */
    private boolean fragmented;

    WholeFrameDraft(int maxMessageSize) {
        super(List.of(), maxMessageSize);
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void processFrame(WebSocketImpl ws, Framedata frame) throws InvalidDataException {
        if (frame instanceof Refusal r) {
            throw r.error;
        }
        if (frame instanceof PlainText p) {
            if (!fragmented) {
                deliver(ws, p.text);
                return;
            }
            p.setPayload(ByteBuffer.wrap(p.text.getBytes(StandardCharsets.ISO_8859_1))); // the library says why not
        }
        Opcode op = frame.getOpcode();
        if (op == Opcode.TEXT && frame.isFin() && !fragmented) {
            deliver(ws, utf8(frame.getPayloadData()));
            return;
        }
        if ((op == Opcode.TEXT || op == Opcode.BINARY) && !frame.isFin()) {
            fragmented = true;
        } else if (op == Opcode.CONTINUOUS && frame.isFin()) {
            fragmented = false;
        }
        super.processFrame(ws, frame);
    }

    private static void deliver(WebSocketImpl ws, String text) {
        try {
            ws.getWebSocketListener().onWebsocketMessage(ws, text);
        } catch (RuntimeException e) { // as the library does: a listener's failure is reported, not thrown
            ws.getWebSocketListener().onWebsocketError(ws, e);
        }
    }

    /**
     * Bytes of a frame not yet complete, kept from one read to the next, in write mode (position: bytes kept). It
     * grows by doubling, so a frame of megabytes arriving 16 KiB at a time is copied a few times in all, not once per
     * read (measured on an 8 MiB frame: 0.9-3.5 s when each read joined the kept bytes into a new buffer).
     */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    /** Past this, an emptied buffer is let go: a snapshot's worth of memory is not held for small frames. */
    private static final int KEPT_CAPACITY = 1 << 20;

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        ByteBuffer in = buffer;
        if (pending.position() > 0) {
            if (pending.remaining() < buffer.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.position() + buffer.remaining(),
                        2 * pending.capacity()));
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            pending.put(buffer).flip();
            in = pending;
        }
        List<Framedata> frames = new ArrayList<>();
        while (true) {
            int size = wholeFrame(in);
            if (size == 0) {
                break; // the rest of a frame is still to come
            }
            if (size < 0) { // a header the library must judge (too large, malformed): it says why
                pending = ByteBuffer.allocate(0);
                frames.add(refusal(in));
                return frames;
            }
            String plain = plainText(in, size);
            if (plain != null) {
                frames.add(new PlainText(plain));
                in.position(in.position() + size);
                continue;
            }
            ByteBuffer one = in.duplicate(); // not a slice: the library indexes the backing array by position
            one.limit(in.position() + size);
            try {
                frames.addAll(super.translateFrame(one));
            } catch (InvalidDataException e) {
                pending = ByteBuffer.allocate(0);
                frames.add(new Refusal(e)); // the frames before it are still delivered, then the connection closes
                return frames;
            }
            in.position(in.position() + size);
        }
        keep(in);
        return frames;
    }

    /** The library's verdict on a frame it refuses, as a frame that throws it in its turn. */
    private Framedata refusal(ByteBuffer in) {
        try {
            List<Framedata> frames = super.translateFrame(in);
            in.position(in.limit());
            return frames.isEmpty() ? new Refusal(new InvalidDataException(CloseFrame.PROTOCOL_ERROR,
                    "unreadable frame header")) : frames.get(0);
        } catch (InvalidDataException e) {
            return new Refusal(e);
        }
    }

    /**
     * The text of an unfragmented, unmasked text frame with no reserved bits whose payload is all ASCII (every
     * Advanced Trade frame), or null. ASCII is valid UTF-8 by definition and maps one byte to one char, so it becomes a
     * String in one copy: the library would first copy the payload, then check it byte by byte against a UTF-8 state
     * table (1.8 us for a 700-byte ticker frame; the JDK's copy takes 0.08 us). Everything else takes the library's
     * path, which checks it and closes invalid text with 1007.
     */
    private static String plainText(ByteBuffer in, int size) {
        int at = in.position();
        if (in.get(at) != (byte) 0x81 || !in.hasArray()) {
            return null;
        }
        int second = in.get(at + 1);
        int length = second & 0x7f;
        int header = length == 127 ? 10 : length == 126 ? 4 : 2;
        if ((second & 0x80) != 0) {
            return null; // masked: the library refuses it
        }
        byte[] a = in.array();
        int from = in.arrayOffset() + at + header;
        int to = in.arrayOffset() + at + size;
        return ascii(a, from, to) ? new String(a, from, to - from, StandardCharsets.ISO_8859_1) : null;
    }

    /** The text of a whole text frame as this draft delivers it (for tests). */
    static String textOf(Framedata frame) {
        return frame instanceof PlainText p ? p.text : utf8(frame.getPayloadData());
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** No byte in {@code a[from, to)} has its top bit set: eight bytes at a time. */
    static boolean ascii(byte[] a, int from, int to) {
        long bits = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            bits |= (long) LONGS.get(a, i);
        }
        for (; i < to; i++) {
            bits |= a[i];
        }
        return (bits & 0x8080808080808080L) == 0;
    }

    /** A whole text frame already read as ASCII text. */
    private static final class PlainText extends TextFrame {
        final String text;

        PlainText(String text) {
            this.text = text;
        }
    }

    /** An error the library raised while reading a frame, thrown when that frame's turn comes. */
    private static final class Refusal extends TextFrame {
        final InvalidDataException error;

        Refusal(InvalidDataException error) {
            this.error = error;
        }
    }

    /** Keeps what is left of {@code in} (the tail of a frame) for the next read. */
    private void keep(ByteBuffer in) {
        if (in == pending) {
            if (in.position() == 0) {
                pending.position(pending.limit()).limit(pending.capacity()); // nothing taken: no bytes move
            } else {
                pending.compact();
            }
        } else if (in.hasRemaining()) {
            if (pending.capacity() < in.remaining()) {
                pending = ByteBuffer.allocate(Math.max(in.remaining(), 4096));
            }
            pending.clear();
            pending.put(in);
        }
        if (pending.position() == 0 && pending.capacity() > KEPT_CAPACITY) {
            pending = ByteBuffer.allocate(0);
        }
    }

    /**
     * The size of the whole frame at the buffer's position (RFC 6455 §5.2 header and payload); 0 when the frame is not
     * all here yet; -1 when its header announces more than feedctl accepts or cannot be read as a server's frame.
     */
    private int wholeFrame(ByteBuffer b) {
        int at = b.position();
        int end = b.limit();
        if (end - at < 2) {
            return 0;
        }
        int second = b.get(at + 1) & 0xff;
        long length = second & 0x7f;
        int header = 2;
        if (length == 126) {
            if (end - at < 4) {
                return 0;
            }
            length = ((b.get(at + 2) & 0xff) << 8) | (b.get(at + 3) & 0xff);
            header = 4;
        } else if (length == 127) {
            if (end - at < 10) {
                return 0;
            }
            length = b.getLong(at + 2);
            header = 10;
        }
        if ((second & 0x80) != 0) {
            header += 4; // masked: a server must not, and the library will say so
        }
        if (length < 0 || length > maxMessageSize) {
            return -1;
        }
        return end - at < header + length ? 0 : header + (int) length;
    }

    static String utf8(ByteBuffer payload) {
        if (payload.hasArray()) {
            return new String(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void reset() {
        super.reset();
        pending = ByteBuffer.allocate(0);
    }

    @Override
    public Draft copyInstance() {
        return new WholeFrameDraft(maxMessageSize);
    }
}
