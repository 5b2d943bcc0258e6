package dev.feedctl.transport;

import java.util.List;

/** The socket could not be opened; {@code phases} holds every phase up to and including the one that failed. */
public final class ConnectFailure extends Exception {

    private final transient List<Phase> phases;

    ConnectFailure(List<Phase> phases) {
        super(phases.get(phases.size() - 1).name() + ": " + phases.get(phases.size() - 1).cause());
        this.phases = List.copyOf(phases);
    }

    public List<Phase> phases() {
        return phases;
    }

    public Phase failed() {
        return phases.get(phases.size() - 1);
    }
}
