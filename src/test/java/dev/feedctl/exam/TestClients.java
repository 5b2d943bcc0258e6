package dev.feedctl.exam;

import dev.feedctl.FeedctlProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The example clients of {@code testdata/clients/}, compiled once per test run (a single-file launch would compile
 * each one again in every exam), and feedctl's own {@code tail} as the client that must pass.
 */
public final class TestClients {

    private static Path classes;

    private TestClients() {
    }

    private static synchronized Path classes() {
        if (classes == null) {
            try {
                Path dir = Files.createTempDirectory("feedctl-exam-clients");
                List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-nowarn"));
                try (Stream<Path> sources = Files.list(Path.of("testdata", "clients"))) {
                    sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
                }
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("testdata/clients did not compile");
                }
                classes = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classes;
    }

    /** {@code java -cp ... NAME {ws} ARGS...}: one of the example clients, given the simulator's URL. */
    public static List<String> example(String name, String... args) {
        List<String> cmd = new ArrayList<>(FeedctlProcess.java());
        cmd.addAll(List.of("-cp", classes().toString(), name, "{ws}"));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** {@code feedctl tail --ws-url {ws} --rest-url {rest}}, as bin/feedctl runs it, from this build's classes. */
    public static List<String> feedctlTail(String... args) {
        List<String> cmd = new ArrayList<>(FeedctlProcess.java()); // C1 only, as before: a client of a few lessons
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.feedctl.Main", "tail", "--ws-url", "{ws}",
                "--rest-url", "{rest}"));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }
}
