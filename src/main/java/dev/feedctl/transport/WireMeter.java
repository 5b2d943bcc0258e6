package dev.feedctl.transport;

import java.nio.charset.StandardCharsets;

/**
 * Watches the bytes the server sends: keeps the HTTP response head (status and headers of the upgrade, even a
 * refused one) and then reads WebSocket frame headers to know each frame's size, including one too big to accept.
 * Counting only; the payload itself is left to Java-WebSocket.
 */
final class WireMeter {

    private static final int HEAD_LIMIT = 16 * 1024;

    private final byte[] head = new byte[HEAD_LIMIT];
    private int headLength;
    private boolean inFrames;
    private final byte[] header = new byte[10];
    private int headerHave;
    private int headerNeed = 2;
    private long payloadLeft;
    private volatile long largestFrame;
    private volatile long lastFrame;
    private volatile long bytes;

    synchronized void observe(byte[] b, int off, int len) {
        bytes += len;
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
                payloadLeft -= skip;
                i += (int) skip;
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
        lastFrame = size;
        if (size > largestFrame) {
            largestFrame = size;
        }
        payloadLeft = size;
        headerHave = 0;
        headerNeed = 2;
    }

    /** The server's HTTP response head as text (the 101, or the refusal with its headers and body start). */
    synchronized String responseHead() {
        return new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
    }

    long largestFrame() {
        return largestFrame;
    }

    long bytes() {
        return bytes;
    }
}
