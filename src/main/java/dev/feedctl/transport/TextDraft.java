package dev.feedctl.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 as Java-WebSocket implements it, with one shortcut on the read thread: a whole text message in one frame
 * (every Advanced Trade frame) becomes a String through the JDK's own UTF-8 decoder, in one copy, instead of the
 * library's CharsetDecoder and CharBuffer (three passes and a UTF-16 copy as large again as the frame). The library
 * has already checked the payload is valid UTF-8 (invalid text is still closed with 1007); fragmented messages, control
 * frames and everything else take the library's own path.
 *
 * <p>And one before it: the library learns that a read ended inside a frame by throwing an exception, with its stack
 * trace, once per socket read (most of the read thread's own time at 20,000 frames/s). So only whole frames are handed
 * to it; the tail of a read waits here for the rest of its frame, in one buffer reused from read to read.
 */
final class TextDraft extends Draft_6455 {

    private final int maxMessageSize;
    /** A fragmented message is under way: its frames go through the library, which assembles them. */
    private boolean fragmented;

    TextDraft(int maxMessageSize) {
        super(List.of(), maxMessageSize);
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void processFrame(WebSocketImpl ws, Framedata frame) throws InvalidDataException {
        Opcode op = frame.getOpcode();
        if (op == Opcode.TEXT && frame.isFin() && !fragmented) {
            try {
                ws.getWebSocketListener().onWebsocketMessage(ws, utf8(frame.getPayloadData()));
            } catch (RuntimeException e) { // as the library does: a listener's failure is reported, not thrown
                ws.getWebSocketListener().onWebsocketError(ws, e);
            }
            return;
        }
        if ((op == Opcode.TEXT || op == Opcode.BINARY) && !frame.isFin()) {
            fragmented = true;
        } else if (op == Opcode.CONTINUOUS && frame.isFin()) {
            fragmented = false;
        }
        super.processFrame(ws, frame);
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
        int whole = wholeFrames(in);
        if (whole < 0) {
            pending = ByteBuffer.allocate(0);
            return super.translateFrame(in); // a header the library must judge (too large, malformed): it throws
        }
        List<Framedata> frames = List.of();
        if (whole > 0) {
            ByteBuffer complete = in.duplicate(); // not a slice: the library indexes the backing array by position
            complete.limit(in.position() + whole);
            frames = super.translateFrame(complete);
            in.position(in.position() + whole);
        }
        keep(in);
        return frames;
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
     * How many bytes from the buffer's position are whole frames (RFC 6455 §5.2 headers); -1 when a header announces
     * more than feedctl accepts or cannot be read as a server's frame: the library then says why.
     */
    private int wholeFrames(ByteBuffer b) {
        int at = b.position();
        int end = b.limit();
        while (true) {
            if (end - at < 2) {
                return at - b.position();
            }
            int second = b.get(at + 1) & 0xff;
            long length = second & 0x7f;
            int header = 2;
            if (length == 126) {
                if (end - at < 4) {
                    return at - b.position();
                }
                length = ((b.get(at + 2) & 0xff) << 8) | (b.get(at + 3) & 0xff);
                header = 4;
            } else if (length == 127) {
                if (end - at < 10) {
                    return at - b.position();
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
            if (end - at < header + length) {
                return at - b.position();
            }
            at += header + (int) length;
        }
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
        return new TextDraft(maxMessageSize);
    }
}
