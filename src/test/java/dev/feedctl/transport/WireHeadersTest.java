package dev.feedctl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireHeadersTest {

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] text = new byte[300];
        out.write(0x81);
        out.write(126);
        out.write(300 >> 8);
        out.write(300 & 0xff);
        out.writeBytes(text);
        byte[] reason = "deprecated hostname".getBytes(StandardCharsets.UTF_8);
        out.write(0x88);
        out.write(2 + reason.length);
        out.write(1000 >> 8);
        out.write(1000 & 0xff);
        out.writeBytes(reason);
        return out.toByteArray();
    }

    @Test
    void readsTheResponseHeadFrameSizesAndTheServersCloseFrameInAnyChunking() {
        byte[] all = stream();
        for (int chunk : new int[] {1, 3, 7, 64, all.length}) {
            WireHeaders m = new WireHeaders();
            for (int off = 0; off < all.length; off += chunk) {
                m.observe(all, off, Math.min(chunk, all.length - off));
            }
            assertEquals("101", Connector.headFacts(m.responseHead()).get("status"), "chunk " + chunk);
            assertEquals(300, m.largestFrame(), "chunk " + chunk);
            assertEquals(new WireHeaders.CloseFrame(1000, "deprecated hostname"), m.serverClose(), "chunk " + chunk);
        }
    }

    @Test
    void noCloseFrameMeansNone() {
        WireHeaders m = new WireHeaders();
        byte[] head = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII);
        m.observe(head, 0, head.length);
        assertNull(m.serverClose());
        assertEquals("1", Connector.headFacts(m.responseHead()).get("retry-after"));
    }
}
