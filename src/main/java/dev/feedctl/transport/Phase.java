package dev.feedctl.transport;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timed phase of a connection (dns, tcp, tls, upgrade, subscribe-ack, first-data).
 *
 * @param facts what was observed, in order (addresses, protocol, status, …)
 * @param cause on failure, what went wrong; {@code fix} says what to do
 */
public record Phase(String name, boolean ok, Duration took, Map<String, String> facts, String cause, String fix) {

    /** A phase is evidence (verify's connected check reads it): its facts are a read-only copy, in their order. */
    public Phase {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** {@code host=127.0.0.1 addresses=127.0.0.1}: the facts in the order they were observed, for a line of text. */
    public String factsText() {
        StringBuilder sb = new StringBuilder();
        facts.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    public static Phase passed(String name, Duration took, Map<String, String> facts) {
        return new Phase(name, true, took, facts, null, null);
    }

    public static Phase failed(String name, Duration took, Map<String, String> facts, String cause, String fix) {
        return new Phase(name, false, took, facts, cause, fix);
    }
}
