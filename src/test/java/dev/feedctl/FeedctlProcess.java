package dev.feedctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line that runs feedctl from this build's classes as a process of its own, with the JVM options
 * bin/feedctl gives the same subcommand: the streaming ones (subscribe, tail, monitor, sim) keep the full JIT, since
 * their tests measure what keeps up with a fast feed; every other one starts C1-only, where C2's compiles are a large
 * share of a short run's CPU and show nothing a test asserts (measured: the process tests' CPU 26-27.5 s -> 19-21 s).
 * All run with the serial GC and no perf-data file.
 */
public final class FeedctlProcess {

    private static final Set<String> STREAMING = Set.of("subscribe", "tail", "monitor", "sim");

    private FeedctlProcess() {
    }

    /** {@code java OPTIONS... -cp CLASSPATH dev.feedctl.Main ARGS...}. */
    public static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** The same with more JVM options (a heap cap). */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(args.length > 0 && STREAMING.contains(args[0]) ? jvm() : java());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.feedctl.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java} with the fast-start options (C1 only), for any main class. */
    public static List<String> java() {
        List<String> cmd = new ArrayList<>(jvm());
        cmd.add(1, "-XX:TieredStopAtLevel=1");
        return cmd;
    }

    private static List<String> jvm() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-Xshare:auto", "-XX:-UsePerfData");
    }
}
