package dev.feedctl.check;

import dev.feedctl.units.Notation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A replayed recording's later connections subscribed again: each needs its acknowledgement too. One that closed
 * without it, or went longer than --timeout without it, fails; one the recording ends on first is only named.
 */
final class LaterAcknowledgements {

    private LaterAcknowledgements() {
    }

    /** The acknowledged check's verdict on the later connections, or null when each was acknowledged. */
    static CheckResult check(CheckSettings s, Evidence o, String evidence) {
        List<String> asked = o.session().channels();
        List<String> notYet = new ArrayList<>();
        for (Leg leg : o.legs().subList(1, o.legs().size())) {
            List<String> missing = asked.stream().filter(c -> !leg.session().ackedAfter().containsKey(c)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            String what = String.join(", ", missing);
            if (leg.lasted().compareTo(s.connect().timeout()) >= 0) {
                return CheckResult.fail("acknowledged", ExitCode.PROTOCOL, evidence, leg.label() + ": no subscriptions "
                        + "acknowledgement for " + what + " within " + Notation.duration(s.connect().timeout()),
                        "check the channel and product names", CheckResult.data("connection", leg.id(), "missing", missing));
            }
            if (leg.close() != null) {
                return CheckResult.fail("acknowledged", ExitCode.CONNECTION, evidence, leg.label() + " closed before "
                        + what + " was acknowledged", null, CheckResult.data("connection", leg.id(), "missing", missing));
            }
            notYet.add(leg.label() + " (the recording ends " + Notation.duration(leg.lasted()) + " after it opened, before "
                    + "its acknowledgement)");
        }
        return notYet.isEmpty() ? null : CheckResult.pass("acknowledged", evidence + "; not yet acknowledged: "
                + String.join(", ", notYet), Map.of("connections", o.legs().size()));
    }
}
