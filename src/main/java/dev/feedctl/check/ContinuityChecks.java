package dev.feedctl.check;

import dev.feedctl.units.Notation;
import dev.feedctl.protocol.HeartbeatTracker;
import dev.feedctl.protocol.SequenceTracker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Continuity on each connection: {@code sequence_num} without gaps, heartbeats that keep coming and count by one.
 * Both restart with every connection, so a recording of several is judged connection by connection, and a failure
 * names the connection it happened on.
 */
final class ContinuityChecks {

    private ContinuityChecks() {
    }

    static CheckResult sequence(List<Leg> legs) {
        long frames = 0;
        long gaps = 0;
        long missing = 0;
        long duplicates = 0;
        long regressions = 0;
        Leg broken = null;
        for (Leg leg : legs) {
            SequenceTracker.Counts t = leg.session().ledger().sequence();
            frames += t.frames();
            gaps += t.gaps();
            missing += t.missing();
            duplicates += t.duplicates();
            regressions += t.regressions();
            broken = broken == null && !t.clean() ? leg : broken;
        }
        if (frames < 2) {
            return CheckResult.skip("sequence", (frames == 0 ? "no frame" : "only one frame") + " carried a "
                    + "sequence_num: there is no order to judge");
        }
        Map<String, Object> data = CheckResult.data("frames", frames, "gaps", gaps, "missing", missing,
                "duplicates", duplicates, "regressions", regressions);
        String over = legs.size() == 1 ? "" : " over " + legs.size() + " connections";
        if (broken == null) {
            return CheckResult.pass("sequence", frames + " sequence numbers" + over + ", no gaps"
                    + (legs.size() == 1 ? "" : " within any (sequence_num restarts on each connection)"), data);
        }
        SequenceTracker.Anomaly a = broken.session().ledger().anomalies().get(0);
        if (legs.size() > 1) {
            data.put("first_broken_connection", broken.id());
        }
        return CheckResult.fail("sequence", ExitCode.VERIFICATION_FAILED, gaps + " gaps (" + missing + " numbers "
                + "missing), " + duplicates + " duplicates, " + regressions + " regressions in " + frames + " frames"
                + over, "sequence gaps: frames were lost; first " + a.kind().name().toLowerCase(Locale.ROOT)
                + (legs.size() == 1 ? "" : " on " + broken.label()) + " at frame #" + a.frameIndex() + ": expected "
                + a.expected() + ", got " + a.actual(), "on a gap, resubscribe (a new level2 snapshot) or "
                + "reconnect; look for a slow consumer or a lossy proxy", data);
    }

    static CheckResult heartbeats(CheckSettings s, Evidence o) {
        if (!s.heartbeats()) {
            return CheckResult.skip("heartbeats", o.replay() == null ? "--no-heartbeats"
                    : "heartbeats were not subscribed in the recording (no acknowledgement or frame shows them)");
        }
        List<Leg> legs = o.legs();
        Heartbeats h = Heartbeats.over(legs);
        Map<String, Object> data = CheckResult.data("count", h.count, "counter_breaks", h.breaks, "longest_silence_ms",
                h.longest.toMillis());
        String on = legs.size() == 1 ? "" : " on " + h.worst.label();
        String evidence = h.count + " heartbeats" + (legs.size() == 1 ? "" : " over " + legs.size() + " connections")
                + ", " + h.breaks + " counter breaks, longest silence " + h.longest.toMillis() + " ms" + on;
        if (h.breaks > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeat_counter skipped "
                    + h.breaks + " times" + (legs.size() == 1 ? "" : ", first on " + h.broken.label())
                    + ": heartbeats were lost", null, data);
        }
        if (h.longest.compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, h.count == 0
                    ? "no heartbeat arrived" : "heartbeats stopped: " + Notation.beyond(h.longest,
                    CheckSettings.MAX_HEARTBEAT_INTERVAL) + " without one" + on + " (more than 2 s)",
                    "the feed is stalled or the connection half-dead; reconnect", data);
        }
        if (h.count == 0) {
            return CheckResult.skip("heartbeats", "no heartbeat arrived in the " + Notation.duration(h.observed) + " "
                    + "observed: too short to judge (they come every second; 2 s without one fails)");
        }
        return CheckResult.pass("heartbeats", evidence, data);
    }

    /** Heartbeats summed over the connections, with the one of the longest silence and the first with a break. */
    private static final class Heartbeats {
        long count;
        long breaks;
        Duration longest = Duration.ZERO;
        Duration observed = Duration.ZERO;
        Leg worst;
        Leg broken;

        static Heartbeats over(List<Leg> legs) {
            Heartbeats h = new Heartbeats();
            for (Leg leg : legs) {
                HeartbeatTracker.Seen hb = leg.session().ledger().heartbeats();
                Duration silence = silence(hb, leg);
                h.count += hb.count();
                h.breaks += hb.breaks();
                h.observed = h.observed.plus(leg.lasted());
                h.broken = h.broken == null && hb.breaks() > 0 ? leg : h.broken;
                if (h.worst == null || silence.compareTo(h.longest) > 0) {
                    h.longest = silence;
                    h.worst = leg;
                }
            }
            return h;
        }
    }

    /** The longest time without a heartbeat on one connection: from its start, between them, and to its end. */
    private static Duration silence(HeartbeatTracker.Seen hb, Leg leg) {
        if (hb.lastSeen() == null) {
            return leg.startedAt() == null ? Duration.ZERO : leg.lasted();
        }
        Duration silence = hb.longestSilence(leg.endedAt());
        if (leg.startedAt() != null && Duration.between(leg.startedAt(), hb.firstSeen()).compareTo(silence) > 0) {
            silence = Duration.between(leg.startedAt(), hb.firstSeen());
        }
        return silence;
    }
}
