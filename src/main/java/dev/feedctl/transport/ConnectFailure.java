package dev.feedctl.transport;

import java.util.List;

/** The socket could not be opened; {@code steps} holds every phase up to and including the one that failed. */
public final class ConnectFailure extends Exception {

    private final transient List<Step> steps;

    ConnectFailure(List<Step> steps) {
        super(steps.get(steps.size() - 1).name() + ": " + steps.get(steps.size() - 1).cause());
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    public Step failed() {
        return steps.get(steps.size() - 1);
    }
}
