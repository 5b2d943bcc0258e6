package dev.feedctl.monitor;

import dev.feedctl.protocol.Channels;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule label values of {@code feedctl_violations_total} known before any frame: the frame and envelope rules and
 * each subscribed channel's field rules (rule names come from feedctl's validator, never from the server's text,
 * so a rule not listed here still adds a bounded label when first seen).
 */
final class ViolationRules {

    private static final List<String> FRAME = List.of("frame.not-json", "frame.not-object", "frame.duplicate-key",
            "frame.unknown-shape", "frame.binary", "frame.foreign-format",
            "envelope.missing-field", "envelope.wrong-type", "envelope.sequence_num-negative");

    private ViolationRules() {
    }

    static List<String> known(List<String> channels) {
        List<String> out = new ArrayList<>(FRAME);
        for (String c : channels) {
            // the validator's scope is the message channel, l2 for level2's l2_data (protocol/EventReader.java)
            String scope = Channels.LEVEL2.equals(c) ? "l2" : c;
            out.add(scope + ".missing-field");
            out.add(scope + ".wrong-type");
            if (Channels.LEVEL2.equals(c)) {
                out.add("l2.new_quantity-negative");
            }
        }
        return out;
    }
}
