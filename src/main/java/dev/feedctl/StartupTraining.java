package dev.feedctl;

import dev.feedctl.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Run once by {@code bin/feedctl} under {@code -XX:DumpLoadedClassList}: the commands users start most, in one JVM,
 * so the class list for the start-up archive comes from a single run (lists from several runs cannot be merged).
 * Writes nothing; talks only to the simulator on loopback.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) {
        String[][] runs = {{"--version"}, {"verify", "--help"}, {"subscribe", "--help"}, {"connect", "--help"},
            {"probe", "--help"}, {"verify", "--sim", "--duration", "1s", "--min-messages", "1"}};
        for (String[] run : runs) {
            PrintWriter sink = new PrintWriter(new StringWriter());
            Cli.run(sink, sink, Map.of(), run);
        }
        // help in a terminal is rendered live (the stored texts have no colours): its classes belong in the archive
        PrintWriter sink = new PrintWriter(new StringWriter());
        Cli.create(sink, sink, Map.of()).execute("verify", "--help");
    }
}
