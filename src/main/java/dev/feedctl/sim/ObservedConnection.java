package dev.feedctl.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the exchange saw of one connection attempt, from its own side: when the upgrade came, with which headers,
 * whether it was refused, every message the client sent with its receive time, the first frame of data sent, and
 * who closed it. Judging a client from here works for any language and library.
 */
public final class ObservedConnection {

    /** Client messages kept per connection; a client that floods is judged on the first ones and the count. */
    static final int MESSAGES_KEPT = 200;

    /** One message as the exchange received it. */
    public record ClientMessage(Instant at, String text) {
    }

    /** How the connection ended: {@code by} is {@code client} or {@code server}; code 1006 for a TCP drop. */
    public record Closed(Instant at, String by, int code, String reason) {
    }

    private final ConnectionLog log;
    private final int id;
    private final Instant upgradeAt;
    private final String path;
    private final Map<String, String> headers;
    private final List<ClientMessage> messages = new ArrayList<>();
    private int messageCount;
    private volatile Integer refusedStatus;
    private volatile Instant firstDataAt;
    private volatile Closed closed;

    ObservedConnection(ConnectionLog log, int id, Instant upgradeAt, String path, Map<String, String> headers) {
        this.log = log;
        this.id = id;
        this.upgradeAt = upgradeAt;
        this.path = path;
        this.headers = Map.copyOf(headers);
    }

    public int id() {
        return id;
    }

    public Instant upgradeAt() {
        return upgradeAt;
    }

    /** The request path of the upgrade ({@code /} on Coinbase). */
    public String path() {
        return path;
    }

    /** The upgrade's headers, lower-case names; credentials (Authorization, Cookie) are not kept. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The HTTP status the upgrade was refused with; null when it was let in. */
    public Integer refusedStatus() {
        return refusedStatus;
    }

    public boolean admitted() {
        return refusedStatus == null;
    }

    /** When the first data or heartbeat frame left for this client; null when none did. */
    public Instant firstDataAt() {
        return firstDataAt;
    }

    public Closed closed() {
        return closed;
    }

    public boolean open() {
        return admitted() && closed == null;
    }

    public synchronized List<ClientMessage> messages() {
        return List.copyOf(messages);
    }

    /** Every message received, including those past {@link #MESSAGES_KEPT}. */
    public synchronized int messageCount() {
        return messageCount;
    }

    void refused(int status) {
        refusedStatus = status;
        log.changed();
    }

    void message(Instant at, String text) {
        synchronized (this) {
            messageCount++;
            if (messages.size() < MESSAGES_KEPT) {
                messages.add(new ClientMessage(at, text));
            }
        }
        log.changed();
    }

    void dataSent(Instant at) {
        if (firstDataAt == null) {
            firstDataAt = at;
            log.changed();
        }
    }

    void closed(Instant at, boolean byClient, int code, String reason) {
        if (closed == null) {
            closed = new Closed(at, byClient ? "client" : "server", code, reason);
            log.changed();
        }
    }
}
