package dev.feedctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs feedctl from this build's classes as a process of its own, with the fast-start JVM
 * options bin/feedctl gives short commands (C1 only, serial GC, the JDK's class archive, no perf-data file). A
 * process test runs a few seconds: C2's compiles and G1's threads there cost about half of each JVM's CPU and show
 * nothing a test asserts.
 */
public final class FeedctlProcess {

    private FeedctlProcess() {
    }

    /** {@code java OPTIONS... -cp CLASSPATH dev.feedctl.Main}; the caller appends feedctl's arguments. */
    public static List<String> command(String... jvmOptions) {
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.feedctl.Main"));
        return cmd;
    }

    /** {@code java} with the fast-start options, for any main class. */
    public static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData");
    }
}
