package dev.feedctl.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a long run is under way, Ctrl-C (SIGINT) and SIGTERM end the process as the JVM would (exit 130 and 143),
 * but this knows which one came, so the report written on the way out carries the same exit code as the process.
 * The JVM's own handlers come back when the run ends.
 */
final class SignalExit implements AutoCloseable {

    private static final String[][] SIGNALS = {{"INT", "130"}, {"TERM", "143"}};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile int caught;

    static SignalExit install() {
        return install(143);
    }

    /** {@code termCode}: 143 as the JVM would, 0 for a service whose manager stops it with SIGTERM. */
    static SignalExit install(int termCode) {
        SignalExit s = new SignalExit();
        for (String[] sig : SIGNALS) {
            try {
                Signal signal = new Signal(sig[0]);
                int code = "TERM".equals(sig[0]) ? termCode : Integer.parseInt(sig[1]);
                s.previous.add(Signal.handle(signal, x -> {
                    s.caught = code;
                    // what the JVM does on these signals, with the code known to the shutdown hooks
                    Runtime.getRuntime().exit(code);
                }));
                s.signals.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal: the JVM's default stays
            }
        }
        return s;
    }

    /** 130 after SIGINT, 143 after SIGTERM, 0 before either. */
    int caught() {
        return caught;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
