package dev.feedctl.protocol;

import java.util.List;

/** A decoded frame: what it is, which feed it came from, and everything wrong with it. */
public record Decoded(Frame frame, FrameFormat format, List<Violation> violations) {

    public boolean valid() {
        for (Violation v : violations) {
            if (v.isError()) {
                return false;
            }
        }
        return true;
    }

    public List<Violation> errors() {
        return violations.stream().filter(Violation::isError).toList();
    }

    /** The data frame, or null when this is an error or foreign frame. */
    public Frame.Data data() {
        return frame instanceof Frame.Data d ? d : null;
    }
}
