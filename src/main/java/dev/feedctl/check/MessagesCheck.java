package dev.feedctl.check;

import dev.feedctl.units.Notation;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.LedgerCopy;
import dev.feedctl.protocol.ProductIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enough valid data: at least --min-messages per product on streaming channels (fewer when ticker_batch, 5 s apart,
 * cannot send that many in the run), or at least the snapshot of each snapshot-only channel (status, user,
 * futures_balance_summary). When nothing came, "silent" and "heartbeats alive, data dead" are told apart.
 */
final class MessagesCheck {

    private final CheckSettings s;
    private final LedgerCopy ev;
    private final FrameLedger.Tally tally;

    MessagesCheck(CheckSettings s, LedgerCopy ev) {
        this.s = s;
        this.ev = ev;
        this.tally = ev.tally();
    }

    CheckResult check() {
        if (s.channels().isEmpty()) { // a replayed recording that shows no subscription and no data frame
            return CheckResult.fail("messages", ExitCode.VERIFICATION_FAILED, tally.frames() + " frames, none of them "
                    + "market data or an acknowledgement", "no data: nothing shows the feed working",
                    "record a session that subscribed and received data", Map.of("frames", tally.frames()));
        }
        List<String> data = s.channels().stream().filter(c -> !Channels.HEARTBEATS.equals(c)).toList();
        if (data.isEmpty()) {
            return CheckResult.skip("messages", "only heartbeats were subscribed");
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        List<String> short_ = new ArrayList<>();
        long required = required();
        if (required == 0 && tally.validDataFrames() == 0) {
            return CheckResult.skip("messages", "--min-messages 0 asks for no data, and none arrived: nothing "
                    + "shows the feed working");
        }
        if (s.streamsProducts() || s.onlyTickerBatch()) {
            for (String p : s.products()) {
                long n = ev.ages().updatesOf(ProductIds.canonical(p));
                counts.put(p, n);
                if (n < required) {
                    short_.add(p + " " + n);
                }
            }
        } else {
            required = 1;
            for (String c : data) {
                long n = tally.framesByChannel().getOrDefault(c, 0L);
                counts.put(c, n);
                if (n < 1) {
                    short_.add(c + " " + n);
                }
            }
        }
        String evidence = "valid data frames " + (s.streamsProducts() || s.onlyTickerBatch() ? "per product"
                : "per channel") + ": " + Notation.byName(counts) + ", needed " + required;
        if (short_.isEmpty()) {
            return CheckResult.pass("messages", evidence, counts);
        }
        boolean heartbeatsAlive = ev.heartbeats().count() > 0;
        long binary = tally.violationsByRule().getOrDefault("frame.binary", 0L);
        String binaryNote = binary == 0 ? "" : "the server sent " + binary + " binary frames, and Advanced Trade sends "
                + "text (JSON) frames only; ";
        String diagnosis = binaryNote + (tally.dataFrames() == 0 && !heartbeatsAlive
                ? "silent: nothing arrived after the subscription, not even heartbeats"
                : tally.dataFrames() == 0 ? "heartbeats alive, data dead: the connection and subscription work but no "
                + "market data arrives" : "fewer than " + required + " valid data frames for " + String.join(", ", short_));
        return CheckResult.fail("messages", ExitCode.VERIFICATION_FAILED, evidence, diagnosis, "check the product ids, or run longer "
                + "(--duration) on a quiet market", counts);
    }

    /** ticker_batch sends a snapshot and then one frame per 5 s: never ask for more than the run can hold. */
    private long required() {
        if (!s.onlyTickerBatch()) {
            return s.minMessages();
        }
        long possible = 1 + s.duration().toMillis() / CheckSettings.TICKER_BATCH_EVERY.toMillis();
        return Math.min(s.minMessages(), possible);
    }
}
