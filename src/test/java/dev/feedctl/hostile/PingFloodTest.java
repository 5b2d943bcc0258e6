package dev.feedctl.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that pings as fast as it can and never reads: feedctl's queue of pongs must stay bounded. */
@Timeout(30)
class PingFloodTest {

    @Test
    void pongsWaitingForAServerThatDoesNotReadStayBounded() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            long[] sent = {0};
            Thread flood = new Thread(() -> {
                try (Socket s = server.accept()) {
                    handshake(s);
                    OutputStream out = s.getOutputStream();
                    byte[] ping = {(byte) 0x89, 0};
                    long end = System.nanoTime() + 3_000_000_000L;
                    while (System.nanoTime() < end) { // never reads: its receive buffer fills with pongs
                        out.write(ping);
                        sent[0]++;
                    }
                } catch (Exception done) {
                    // the client hung up
                }
            }, "ping-flood");
            flood.setDaemon(true);
            flood.start();
            Connection c = new Connector(Clock.systemUTC()).open(ConnectSpec.of(URI.create("ws://127.0.0.1:"
                    + server.getLocalPort()), Duration.ofSeconds(5)));
            try {
                long until = System.nanoTime() + 10_000_000_000L;
                while (c.pongsSkipped() == 0 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(1000); // the flood goes on
                assertTrue(c.pongsSkipped() > 0, "the flood outran the server's reading: " + c.pings() + " pings");
                assertTrue(c.queuedFrames() <= 64 + 2, "queued frames stay bounded: " + c.queuedFrames() + " after "
                        + c.pings() + " pings");
            } finally {
                c.close();
            }
        }
    }

    /** Reads the upgrade request and answers it as RFC 6455 §4.2.2 says. */
    static void handshake(Socket s) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        String key = null;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }
}
