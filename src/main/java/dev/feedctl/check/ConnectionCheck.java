package dev.feedctl.check;

import dev.feedctl.transport.CloseInfo;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Did the connection stay open? Every close of the run, each with its side, code, reason and known cause, and for a
 * replayed recording of several connections the outage after each close: how long until the shard's next connection,
 * and what was lost (gaps in the dead connection are counted exactly; what the exchange sent while nobody was
 * connected cannot be, as {@code sequence_num} restarts). A recording of bare frames does not show the connection.
 */
final class ConnectionCheck {

    /** Closes named one by one in the text; the report's data holds every one. */
    private static final int NAMED = 5;

    private final Evidence o;

    ConnectionCheck(Evidence o) {
        this.o = o;
    }

    CheckResult check() {
        List<Leg> legs = o.legs();
        if (legs.isEmpty()) {
            return CheckResult.skip("connection", "no connection");
        }
        if (!o.feed().showsConnections()) {
            return CheckResult.skip("connection", "a raw recording does not show the connection: bare frames carry no "
                    + "receive times or closes (record with tail --record or subscribe --annotate)");
        }
        List<Leg> closed = legs.stream().filter(l -> l.close() != null).toList();
        String whole = o.replay() == null ? "the whole run" : "the whole recording";
        if (closed.isEmpty()) {
            return CheckResult.pass("connection", legs.size() == 1 ? "open for " + whole : legs.size()
                    + " connections, each open until the recording ended", Map.of("connections", legs.size()));
        }
        return closed(legs, closed);
    }

    /** Every close named (the first {@value #NAMED} in the text), the outages after them, the first one's cause. */
    private CheckResult closed(List<Leg> legs, List<Leg> closed) {
        List<Map<String, Object>> closes = new ArrayList<>();
        List<Map<String, Object>> outages = new ArrayList<>();
        List<String> told = new ArrayList<>();
        for (Leg leg : closed) {
            Map<String, Object> outage = outage(leg, legs);
            closes.add(close(leg));
            if (outage != null) {
                outages.add(outage);
            }
            if (told.size() < NAMED) {
                told.add(text(leg, legs.size() > 1, outage));
            }
        }
        if (closed.size() > NAMED) {
            told.add("and " + (closed.size() - NAMED) + " more closes");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connections", legs.size());
        if (legs.size() == 1) {
            data.putAll(closes.get(0));
        } else {
            data.put("closes", closes);
            data.put("outages", outages);
        }
        Leg first = closed.get(0);
        String cause = cause(first);
        String lost = legs.size() == 1 ? "" : "; what the exchange sent while no connection was open cannot be "
                + "counted (sequence_num restarts on each connection)";
        return CheckResult.fail("connection", ExitCode.CONNECTION, String.join("; ", told),
                (cause == null ? "the connection closed during the run" : cause) + (closed.size() > 1 ? " ("
                + closed.size() + " closes in all)" : "") + lost, first.close().code() == 1001
                || first.close().code() == 1006 ? "reconnect with backoff and resubscribe (feedctl tail does)" : null,
                data);
    }

    private String cause(Leg leg) {
        CloseInfo c = leg.close();
        return c.knownCause(!leg.session().ackedAfter().isEmpty(), leg.session().sizes());
    }

    private static String text(Leg leg, boolean several, Map<String, Object> outage) {
        CloseInfo c = leg.close();
        String closed = (several ? leg.label() + " " : "") + c.describe();
        if (!several) {
            return closed;
        }
        long gaps = leg.session().ledger().sequence().gaps();
        String dead = gaps == 0 ? "no sequence gap before it" : gaps + " sequence gaps ("
                + leg.session().ledger().sequence().missing() + " numbers missing) before it";
        return closed + ", " + dead + (outage == null ? ", no connection after it in the recording"
                : ", down " + Notation.duration(Duration.ofMillis((Long) outage.get("downtime_ms"))) + " until connection " + outage.get("next_connection"));
    }

    private Map<String, Object> close(Leg leg) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!leg.id().isEmpty()) {
            m.put("connection", leg.id());
        }
        m.put("code", leg.close().code());
        m.put("reason", leg.close().reason());
        m.put("by", leg.close().side());
        m.put("after_ms", leg.close().sinceConnect().toMillis());
        m.put("cause", cause(leg));
        return m;
    }

    /** The outage after {@code leg}'s close: until the next connection of its shard began; null when none did. */
    private static Map<String, Object> outage(Leg leg, List<Leg> legs) {
        Leg next = null;
        for (Leg l : legs) {
            if (l != leg && l.shard().equals(leg.shard()) && !l.startedAt().isBefore(leg.endedAt())) {
                next = l;
                break;
            }
        }
        if (next == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connection", leg.id());
        m.put("next_connection", next.id());
        m.put("downtime_ms", Duration.between(leg.endedAt(), next.startedAt()).toMillis());
        m.put("gaps", leg.session().ledger().sequence().gaps());
        m.put("missing", leg.session().ledger().sequence().missing());
        return m;
    }
}
