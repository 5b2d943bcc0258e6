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
    public Draft copyInstance() {
        return new TextDraft(maxMessageSize);
    }
}
