package dev.feedctl.exam;

import dev.feedctl.auth.Redactor;
import dev.feedctl.sim.ObservedConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's timeline: every connection attempt with its upgrade, refusal, what the client sent (JWT signatures
 * taken out by the redactor) and how it closed. Times are seconds since the exam started.
 */
final class Timeline {

    /** Messages listed per connection; the count says how many there were. */
    static final int MESSAGES_LISTED = 50;

    private Timeline() {
    }

    static List<Map<String, Object>> of(List<ObservedConnection> connections, Instant start, Redactor redactor) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObservedConnection c : connections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connection", c.id());
            m.put("upgrade_s", seconds(start, c.upgradeAt()));
            m.put("path", c.path());
            m.put("user_agent", c.headers().get("user-agent"));
            m.put("refused_status", c.refusedStatus());
            m.put("first_data_s", c.firstDataAt() == null ? null : seconds(start, c.firstDataAt()));
            List<Map<String, Object>> messages = new ArrayList<>();
            for (ObservedConnection.ClientMessage msg : c.messages()) {
                if (messages.size() == MESSAGES_LISTED) {
                    break;
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("at_s", seconds(start, msg.at()));
                one.put("text", redactor.scrub(msg.text()));
                messages.add(one);
            }
            m.put("messages_received", c.messageCount());
            m.put("messages", messages);
            ObservedConnection.Closed closed = c.closed();
            if (closed != null) {
                Map<String, Object> cl = new LinkedHashMap<>();
                cl.put("at_s", seconds(start, closed.at()));
                cl.put("by", closed.by());
                cl.put("code", closed.code());
                cl.put("reason", closed.reason());
                m.put("closed", cl);
            } else {
                m.put("closed", null);
            }
            out.add(m);
        }
        return out;
    }

    private static double seconds(Instant start, Instant t) {
        return Duration.between(start, t).toMillis() / 1000.0;
    }
}
