package dev.feedctl.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.Inbound;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Text frames as a server may shape them, read through feedctl's socket: whole, fragmented, multi-byte, invalid. */
@Timeout(30)
class TextFramesTest {

    /** One unmasked server frame. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xffff) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Connects to a raw server that writes {@code script} after the handshake; returns what feedctl received. */
    private static List<Inbound> receive(Consumer<OutputStream> script) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    PingFloodTest.handshake(s);
                    script.accept(s.getOutputStream());
                    s.getOutputStream().flush();
                    Thread.sleep(3000);
                } catch (Exception done) {
                    // the client hung up
                }
            });
            t.setDaemon(true);
            t.start();
            Connection c = new Connector(Clock.systemUTC()).open(ConnectSpec.of(URI.create("ws://127.0.0.1:"
                    + server.getLocalPort()), Duration.ofSeconds(5)));
            List<Inbound> got = new ArrayList<>();
            try {
                Inbound in;
                while ((in = c.poll(Duration.ofMillis(1500))) != null) {
                    got.add(in);
                    if (in instanceof Inbound.Closed) {
                        break;
                    }
                }
            } finally {
                c.close();
            }
            return got;
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wholeFramesFragmentedMessagesAndMultiByteTextArriveExactly() throws Exception {
        String accented = "{\"m\":\"déjà vu ✓ 🚀\"}";
        String replacement = "{\"m\":\"a real \ufffd is text\"}"; // valid UTF-8: delivered, never closed as 1007
        List<Inbound> got = receive(out -> {
            write(out, frame(1, true, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            write(out, frame(1, false, "{\"b\":".getBytes(StandardCharsets.UTF_8))); // a message in three frames
            write(out, frame(0, false, "\"x".getBytes(StandardCharsets.UTF_8)));
            write(out, frame(0, true, "y\"}".getBytes(StandardCharsets.UTF_8)));
            write(out, frame(1, true, accented.getBytes(StandardCharsets.UTF_8)));
            write(out, frame(9, true, "ping".getBytes(StandardCharsets.UTF_8))); // a control frame between texts
            write(out, frame(1, true, replacement.getBytes(StandardCharsets.UTF_8)));
            write(out, frame(1, true, "x".repeat(5000).getBytes(StandardCharsets.UTF_8)));
        });
        List<String> texts = got.stream().filter(i -> i instanceof Inbound.Text).map(i -> ((Inbound.Text) i).text())
                .toList();
        assertEquals(List.of("{\"a\":1}", "{\"b\":\"xy\"}", accented, replacement, "x".repeat(5000)), texts);
    }

    /** Reads end anywhere in a frame (here: after every byte, and in ragged chunks); every message still arrives whole. */
    @Test
    void framesSplitAcrossReadsArriveWholeAndInOrder() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add("{\"n\":" + i + ",\"pad\":\"" + "é".repeat(i * 37 % 300) + "\"}");
        }
        sent.add("y".repeat(70_000)); // a 64-bit length header
        List<Inbound> got = receive(out -> {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (String text : sent) {
                all.writeBytes(frame(1, true, text.getBytes(StandardCharsets.UTF_8)));
            }
            byte[] bytes = all.toByteArray();
            int at = 0;
            for (int step = 1; at < bytes.length; step = step % 97 + 1) {
                int n = Math.min(at < 300 ? 1 : step, bytes.length - at); // byte by byte first, then ragged
                write(out, java.util.Arrays.copyOfRange(bytes, at, at + n));
                try {
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                at += n;
            }
        });
        List<String> texts = got.stream().filter(i -> i instanceof Inbound.Text).map(i -> ((Inbound.Text) i).text())
                .toList();
        assertEquals(sent, texts);
    }

    @Test
    void invalidUtf8IsClosedWith1007() throws Exception {
        List<Inbound> got = receive(out -> write(out, frame(1, true, new byte[] {'{', (byte) 0xc3, (byte) 0x28,
            '}'})));
        Inbound last = got.get(got.size() - 1);
        assertTrue(last instanceof Inbound.Closed, got.toString());
        assertEquals(1007, ((Inbound.Closed) last).close().code(), got.toString());
        assertTrue(got.stream().noneMatch(i -> i instanceof Inbound.Text), "no text from invalid UTF-8: " + got);
    }

    /** A refused frame closes the connection; the frames the server sent before it, in the same read, still arrive. */
    @Test
    void framesBeforeARefusedFrameInTheSameReadAreDelivered() throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(frame(1, true, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        all.writeBytes(frame(1, true, "{\"b\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        all.writeBytes(frame(1, true, new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'}));
        all.writeBytes(frame(1, true, "{\"after\":1}".getBytes(StandardCharsets.UTF_8)));
        List<Inbound> got = receive(out -> write(out, all.toByteArray()));
        List<String> texts = got.stream().filter(i -> i instanceof Inbound.Text).map(i -> ((Inbound.Text) i).text())
                .toList();
        assertEquals(List.of("{\"a\":1}", "{\"b\":\"é\"}"), texts);
        Inbound last = got.get(got.size() - 1);
        assertTrue(last instanceof Inbound.Closed, got.toString());
        assertEquals(1007, ((Inbound.Closed) last).close().code(), got.toString());
    }

    /** ASCII text takes feedctl's short path; what the protocol forbids around it is still refused as the library does. */
    @Test
    void asciiTextWithReservedBitsOrInsideAFragmentedMessageIsAProtocolError() throws Exception {
        byte[] rsv1 = frame(1, true, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        rsv1[0] |= 0x40; // no extension was agreed, so no reserved bit may be set
        List<Inbound> got = receive(out -> write(out, rsv1));
        assertTrue(got.stream().noneMatch(i -> i instanceof Inbound.Text), got.toString());
        assertEquals(1002, ((Inbound.Closed) got.get(got.size() - 1)).close().code(), got.toString());

        got = receive(out -> {
            write(out, frame(1, false, "{\"b\":".getBytes(StandardCharsets.UTF_8)));
            write(out, frame(1, true, "{\"c\":2}".getBytes(StandardCharsets.UTF_8))); // a new message mid-way
        });
        assertTrue(got.stream().noneMatch(i -> i instanceof Inbound.Text), got.toString());
        assertEquals(1002, ((Inbound.Closed) got.get(got.size() - 1)).close().code(), got.toString());
    }

    /** Every byte below 0x80 is text as sent, control characters and DEL included (judging them is the decoder's job). */
    @Test
    void everyAsciiByteArrivesAsSent() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 0x80; c++) {
            sb.append((char) c);
        }
        String text = sb.toString();
        List<Inbound> got = receive(out -> write(out, frame(1, true, text.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(text, ((Inbound.Text) got.get(0)).text());
    }
}
