package dev.feedctl.report;

import dev.feedctl.check.LiveAudits;
import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.protocol.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tail --rest-check}'s events from the exact comparisons with REST: {@code missed_trades} (trades REST has that
 * the socket did not deliver, with their ids and the product's total) and {@code book} ({@code ok} / {@code drift}).
 */
public final class TruthLines {

    private TruthLines() {
    }

    public static String of(LiveAudits.Finding f, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (f instanceof LiveAudits.MissedTrades t) {
            m.put("event", "missed_trades");
            m.put("at", DecimalsAndTimes.iso(at));
            m.put("product", t.product());
            m.put("count", t.count());
            m.put("missed", t.total());
            m.put("ids", t.ids());
            m.put("in_outage", t.inOutage());
        } else if (f instanceof LiveAudits.AuditFailed a) {
            m.put("event", "audit_failed");
            m.put("at", DecimalsAndTimes.iso(at));
            m.put("feature", a.feature());
            m.put("problem", a.problem());
        } else if (f instanceof LiveAudits.BookHealth b) {
            m.put("event", "book");
            m.put("at", DecimalsAndTimes.iso(at));
            m.put("product", b.product());
            m.put("state", b.ok() ? "ok" : "drift");
            m.put("difference", b.difference());
        }
        return dev.feedctl.protocol.NetworkText.json(Json.COMPACT.toJson(m));
    }
}
