package dev.feedctl.transport;

import java.nio.charset.StandardCharsets;

/**
 * Watches the bytes the server sends: keeps the HTTP response head (status and headers of the upgrade, even a
 * refused one) and then reads WebSocket frame headers to know each frame's size, including one too big to accept.
 * Counting only; the payload itself is left to Java-WebSocket.
 */
final class WireHeaders {

    private static final int HEAD_LIMIT = 16 * 1024;

    private final byte[] head = new byte[HEAD_LIMIT];
    private int headLength;
    private boolean inFrames;
    private final byte[] header = new byte[10];
    private int headerHave;
    private int headerNeed = 2;
    private long payloadLeft;
    private volatile long largestFrame;
    private boolean inClose;
    private final java.io.ByteArrayOutputStream closePayload = new java.io.ByteArrayOutputStream();
    private volatile CloseFrame serverClose;
    private final long messageLimit;
    /** Payload of the message being received, over all its fragments. */
    private long messageBytes;
    private volatile long overLimit;

    /**
     * @param messageLimit largest message accepted: Java-WebSocket checks only a message's first and last fragment,
     *                     so a message that never ends would fill memory; this counts every fragment
     */
    WireHeaders(long messageLimit) {
        this.messageLimit = messageLimit;
    }

    WireHeaders() {
        this(Long.MAX_VALUE);
    }

    synchronized void observe(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && !inFrames) {
            if (headLength < HEAD_LIMIT) {
                head[headLength++] = b[i];
            }
            i++;
            if (headLength >= 4 && head[headLength - 4] == '\r' && head[headLength - 3] == '\n'
                    && head[headLength - 2] == '\r' && head[headLength - 1] == '\n') {
                inFrames = true;
            }
        }
        while (i < end) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, end - i);
                if (inClose) {
                    closePayload.write(b, i, (int) skip);
                }
                payloadLeft -= skip;
                i += (int) skip;
                if (payloadLeft == 0 && inClose) {
                    closeSeen();
                }
                continue;
            }
            header[headerHave++] = b[i++];
            if (headerHave == 2) {
                int len7 = header[1] & 0x7f;
                boolean masked = (header[1] & 0x80) != 0;
                headerNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
            }
            if (headerHave >= 2 && headerHave == headerNeed) {
                frame(payloadLength());
            }
        }
    }

    private long payloadLength() {
        int len7 = header[1] & 0x7f;
        if (len7 < 126) {
            return len7;
        }
        int n = len7 == 126 ? 2 : 8;
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = (v << 8) | (header[2 + k] & 0xff);
        }
        return v;
    }

    private void frame(long size) {
        int opcode = header[0] & 0x0f;
        boolean fin = (header[0] & 0x80) != 0;
        if (opcode == 0x1 || opcode == 0x2) {
            messageBytes = size;
        } else if (opcode == 0x0) {
            messageBytes += size;
        }
        if (opcode <= 0x2) {
            if (messageBytes > largestFrame) {
                largestFrame = messageBytes;
            }
            if (messageBytes > messageLimit && overLimit == 0) {
                overLimit = messageBytes;
            }
            if (fin) {
                messageBytes = 0;
            }
        }
        inClose = (header[0] & 0x0f) == 0x8 && size <= 125;
        closePayload.reset();
        payloadLeft = size;
        headerHave = 0;
        headerNeed = 2;
        if (inClose && size == 0) {
            closeSeen();
        }
    }

    /** A close frame the server sent, read off the wire: kept even if the TCP connection then dies (1006). */
    record CloseFrame(int code, String reason) {
    }

    private void closeSeen() {
        byte[] p = closePayload.toByteArray();
        serverClose = p.length < 2 ? new CloseFrame(1005, "")
                : new CloseFrame(((p[0] & 0xff) << 8) | (p[1] & 0xff),
                new String(p, 2, p.length - 2, StandardCharsets.UTF_8));
        inClose = false;
    }

    CloseFrame serverClose() {
        return serverClose;
    }

    /** The server's HTTP response head as text (the 101, or the refusal with its headers and body start). */
    synchronized String responseHead() {
        return new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
    }

    /** The size a message had reached when it went over the limit; 0 while none has. */
    long overLimit() {
        return overLimit;
    }

    long largestFrame() {
        return largestFrame;
    }
}
