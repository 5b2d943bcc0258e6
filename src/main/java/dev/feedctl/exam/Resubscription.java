package dev.feedctl.exam;

import dev.feedctl.sim.ObservedConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A client back after a fault: the first later connection that asked again for everything the faulted one had. */
record Resubscription(ObservedConnection connection, Instant complete) {

    /** The first connection after {@code target} that resubscribed to all of {@code wanted}; null when none has. */
    static Resubscription find(List<ObservedConnection> all, ObservedConnection target,
                               Set<SubscribeReading.Subscription> wanted) {
        for (ObservedConnection c : all) {
            if (c.id() <= target.id() || !c.admitted()) {
                continue;
            }
            List<ObservedConnection.ClientMessage> so = new ArrayList<>();
            for (ObservedConnection.ClientMessage m : c.messages()) {
                so.add(m);
                if (SubscribeReading.of(so).subscriptions.containsAll(wanted)) {
                    return new Resubscription(c, m.at());
                }
            }
        }
        return null;
    }

    /** What the latest connection after {@code target} still lacks; null when none came after it. */
    static Set<SubscribeReading.Subscription> missing(List<ObservedConnection> all, ObservedConnection target,
                                                      Set<SubscribeReading.Subscription> wanted) {
        ObservedConnection last = null;
        for (ObservedConnection c : all) {
            if (c.id() > target.id() && c.admitted()) {
                last = c;
            }
        }
        if (last == null) {
            return null;
        }
        Set<SubscribeReading.Subscription> lacking = new LinkedHashSet<>(wanted);
        lacking.removeAll(SubscribeReading.of(last, null).subscriptions);
        return lacking;
    }

    /** True when the new connection sent a JWT an earlier connection had already sent. */
    static boolean reusedToken(List<ObservedConnection> all, ObservedConnection back) {
        Set<String> before = new LinkedHashSet<>();
        for (ObservedConnection c : all) {
            if (c.id() < back.id()) {
                SubscribeReading.of(c, null).tokens.forEach(t -> before.add(t.jwt()));
            }
        }
        return SubscribeReading.of(back, null).tokens.stream().anyMatch(t -> before.contains(t.jwt()));
    }
}
