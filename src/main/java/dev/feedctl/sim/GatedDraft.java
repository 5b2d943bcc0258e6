package dev.feedctl.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;

/**
 * RFC 6455 as Java-WebSocket speaks it, plus what the exchange's observation log and upgrade gate need: the upgrade
 * is recorded, and a gated one is answered with a real HTTP refusal ({@code HTTP/1.1 429} and {@code Retry-After})
 * instead of 101. The library itself can only refuse with 404 or 500, and writes "101" into every status line it
 * builds, so the refusal's bytes are written here. One copy per connection ({@link #copyInstance}).
 */
final class GatedDraft extends Draft_6455 {

    private final SimContext ctx;
    private ObservedConnection observed;
    private UpgradeGate.Refusal refusal;

    GatedDraft(SimContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Draft copyInstance() {
        return new GatedDraft(ctx);
    }

    /** The log entry of {@code conn}; null when nobody observes this simulator. */
    static ObservedConnection observed(WebSocket conn) {
        return conn.getDraft() instanceof GatedDraft d ? d.observed : null;
    }

    /** True when {@code conn}'s upgrade was refused: it only waits for its answer to be flushed, then closes. */
    static boolean refused(WebSocket conn) {
        return conn.getDraft() instanceof GatedDraft d && d.refusal != null;
    }

    @Override
    public HandshakeBuilder postProcessHandshakeResponseAsServer(ClientHandshake request,
                                                                 ServerHandshakeBuilder response)
            throws InvalidHandshakeException {
        ConnectionLog log = ctx.observations;
        if (log != null) {
            observed = log.attempt(request.getResourceDescriptor(), headers(request));
            UpgradeGate gate = ctx.upgradeGate;
            refusal = gate == null ? null : gate.decide(observed);
            if (refusal != null) {
                observed.refused(refusal.status());
            }
        }
        return super.postProcessHandshakeResponseAsServer(request, response);
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshakedata) {
        if (refusal == null) {
            return super.createHandshake(handshakedata);
        }
        String body = refusal.status() == 429
                ? "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}]}"
                : "{\"error\":\"UNAVAILABLE\"}";
        String head = "HTTP/1.1 " + refusal.status() + (refusal.status() == 429 ? " Too Many Requests" : " Refused")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + (refusal.retryAfterSeconds() > 0 ? "\r\nRetry-After: " + refusal.retryAfterSeconds() : "")
                + "\r\nConnection: close\r\n\r\n";
        return List.of(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<Map.Entry<String, String>> headers(ClientHandshake request) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        for (Iterator<String> it = request.iterateHttpFields(); it.hasNext(); ) {
            String name = it.next();
            all.add(new AbstractMap.SimpleEntry<>(name, request.getFieldValue(name)));
        }
        return all;
    }
}
