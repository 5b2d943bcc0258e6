package dev.feedctl.protocol;

import java.util.List;

/** A decoded frame: what it is and everything wrong with it. */
public record Decoded(Frame frame, List<Violation> violations) {

    /** The feed the frame belongs to, or null when it is {@link Frame.Unreadable}. */
    public FeedFamily family() {
        if (frame instanceof Frame.Foreign f) {
            return f.family();
        }
        return frame instanceof Frame.Unreadable ? null : FeedFamily.ADVANCED_TRADE;
    }

    /** False for text that did not parse as JSON, and for binary frames. */
    public boolean isJson() {
        return !(frame instanceof Frame.Unreadable u && (u.problem() == Frame.Unreadable.Problem.NOT_JSON
                || u.problem() == Frame.Unreadable.Problem.BINARY));
    }

    /** What the frame is, for machine output: a family name, {@code not_json} or {@code unknown}. */
    public String kind() {
        FeedFamily f = family();
        if (f != null) {
            return f.name().toLowerCase(java.util.Locale.ROOT);
        }
        return isJson() ? "unknown" : ((Frame.Unreadable) frame).problem() == Frame.Unreadable.Problem.BINARY
                ? "binary" : "not_json";
    }

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
