package dev.feedctl.cli;

import dev.feedctl.sim.ExchangeSimulator;
import java.io.Closeable;
import java.net.URI;

/** The socket and REST URLs a command talks to, and the in-process simulator behind them when {@code --sim}. */
public record Endpoints(URI ws, URI rest, ExchangeSimulator sim) implements Closeable {

    @Override
    public void close() {
        if (sim != null) {
            sim.close();
        }
    }
}
