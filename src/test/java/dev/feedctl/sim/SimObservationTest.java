package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exchange's observation log and upgrade gate, as feedctl exam uses them, seen on the wire. */
@Timeout(20)
class SimObservationTest {

    private static String upgrade(ExchangeSimulator sim) throws Exception {
        try (Socket s = new Socket("127.0.0.1", sim.wsUri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "User-Agent: observation-test\r\nAuthorization: Bearer not-for-the-log\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII); // the server closes after refusing
        }
    }

    @Test
    void aGatedUpgradeIsAReal429WithRetryAfterAndTheLogKeepsItWithoutCredentials() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            ConnectionLog log = sim.observe();
            sim.setUpgradeGate(attempt -> new UpgradeGate.Refusal(429, 3));
            String response = upgrade(sim);
            assertTrue(response.startsWith("HTTP/1.1 429 Too Many Requests\r\n"), response);
            assertTrue(response.contains("\r\nRetry-After: 3\r\n"), response);
            assertTrue(response.endsWith("\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}"), response);
            ObservedConnection refused = log.connections().get(0);
            assertEquals(429, refused.refusedStatus());
            assertEquals("observation-test", refused.headers().get("user-agent"));
            assertFalse(refused.headers().containsKey("authorization"));
            assertEquals(0, sim.openConnections());
        }
    }

    @Test
    void anAdmittedConnectionIsLoggedWithItsMessagesFirstDataAndWhoClosed() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults())) {
            ConnectionLog log = sim.observe();
            try (PlainClient c = PlainClient.open(sim.wsUri())) {
                c.subscribe("heartbeats");
                c.await(PlainClient.channel("heartbeats"), Duration.ofSeconds(5));
                ObservedConnection o = log.connections().get(0);
                assertNull(o.refusedStatus());
                assertEquals(List.of("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}"),
                        o.messages().stream().map(ObservedConnection.ClientMessage::text).toList());
                assertTrue(o.firstDataAt() != null && !o.firstDataAt().isBefore(o.upgradeAt()));
                sim.closeAll(1001, "going away");
                assertEquals(1001, c.awaitClose(Duration.ofSeconds(5)).code());
                long seen = log.version();
                while (o.closed() == null) {
                    log.awaitChange(seen, Duration.ofSeconds(5));
                    seen = log.version();
                }
                assertEquals(new ObservedConnection.Closed(o.closed().at(), "server", 1001, "going away"),
                        o.closed());
            }
        }
    }
}
