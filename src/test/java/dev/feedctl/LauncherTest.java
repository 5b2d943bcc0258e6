package dev.feedctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/feedctl's choice of JVM options per command and Java version, seen by the Java it starts: a release layout
 * (lib/feedctl.jar, runtime/) around the real launcher, whose runtime/bin/java only writes down its arguments. A JVM
 * refuses to start on an option it does not know, so the native-heap trim must reach only the versions that have it.
 */
@Timeout(30)
class LauncherTest {

    @TempDir
    Path home;

    /** More environment for the launcher (FEEDCTL_THP_FILE: a stand-in for the kernel's huge-page setting). */
    private final java.util.Map<String, String> env = new java.util.HashMap<>();

    /** The options bin/feedctl gives {@code java} for these arguments, on a Java of this version. */
    private List<String> optionsFor(String javaVersion, String... args) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("runtime/bin"));
        Files.copy(Path.of("bin/feedctl"), home.resolve("bin/feedctl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(home.resolve("lib/feedctl.jar"), "");
        Files.writeString(home.resolve("runtime/release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + javaVersion
                + "\"\n");
        Path java = home.resolve("runtime/bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$FEEDCTL_TEST_ARGS\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path recorded = home.resolve("args.txt");
        Files.deleteIfExists(recorded);
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", home.resolve("bin/feedctl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FEEDCTL_TEST_ARGS", recorded.toString());
        pb.environment().put("FEEDCTL_NO_CDS", "1");
        pb.environment().remove("FEEDCTL_JAVA_OPTS");
        // the kernel's huge-page setting is this machine's: a test says which one it means
        pb.environment().put("FEEDCTL_THP_FILE", home.resolve("no-such-setting").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> all = Files.readAllLines(recorded);
        return all.subList(0, all.indexOf("-cp"));
    }

    private static final String TRIM = "-XX:TrimNativeHeapInterval=1000";

    @Test
    void streamingCommandsTrimTheNativeHeapOnlyOnJavasThatHaveTheOption() throws Exception {
        for (String v : List.of("17.0.9", "17.0.15", "21.0.1", "21.0.4", "22", "25", "25.0.1")) {
            List<String> opts = optionsFor(v, "tail", "--sim");
            assertTrue(opts.contains(TRIM), v + ": " + opts);
            // experimental before 17.0.11 and 21.0.3: unlocked ahead of it, or the JVM would not start
            assertTrue(opts.indexOf("-XX:+UnlockExperimentalVMOptions") >= 0
                    && opts.indexOf("-XX:+UnlockExperimentalVMOptions") < opts.indexOf(TRIM), v + ": " + opts);
        }
        for (String v : List.of("17", "17.0.2", "17.0.8", "18.0.2", "20.0.2", "21")) {
            List<String> opts = optionsFor(v, "tail", "--sim");
            assertFalse(opts.stream().anyMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval")), v + ": " + opts);
            assertTrue(opts.contains("-Xmn32m"), v + ": " + opts);
        }
    }

    /**
     * Streaming commands keep the JDK's HTTP client from being inlined into large C2 compiles (their working memory
     * was tail's RSS peaks). CompileCommand prints each command on stdout unless "quiet" comes first, and stdout is
     * tail's data: the real Java given these very options prints nothing there.
     */
    @Test
    void streamingCommandsCompileTheHttpClientInSmallerPiecesAndSayNothingOnStdout() throws Exception {
        for (String command : List.of("tail", "subscribe", "monitor", "sim")) {
            List<String> opts = optionsFor("17.0.15", command, "--sim");
            int quiet = opts.indexOf("-XX:CompileCommand=quiet");
            int http = opts.indexOf("-XX:CompileCommand=dontinline,sun.net.www.*::*");
            assertTrue(quiet >= 0 && http > quiet, command + ": " + opts);
        }
        for (String[] args : List.of(new String[] {"verify", "--sim"}, new String[] {"--version"})) {
            List<String> opts = optionsFor("17.0.15", args);
            assertFalse(opts.stream().anyMatch(o -> o.startsWith("-XX:CompileCommand=dontinline")),
                    args[0] + ": " + opts);
        }

        assertTheRealJavaStartsSilently(optionsFor("17.0.15", "tail", "--sim"));
    }

    /** The real Java, given these options' CompileCommands, starts and prints nothing on stdout (the data). */
    private static void assertTheRealJavaStartsSilently(List<String> options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(options.stream().filter(o -> o.startsWith("-XX:CompileCommand")).toList());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd.toString());
        assertEquals("", out);
    }

    private static final String READ_LOOP =
            "-XX:CompileCommand=CompileThresholdScaling,org.java_websocket.client.WebSocketClient::run,0.1";

    /**
     * verify runs on C1 alone, which compiles a loop entered once only after 60,000 turns: the socket's read loop
     * (Java-WebSocket's, not feedctl's to restructure) gets a tenth of that threshold, by its name. The name must
     * still be the library's (a renamed loop would silently run interpreted again), and the real Java given these
     * very options starts and prints nothing on stdout, verify's report.
     */
    @Test
    void verifyCompilesTheSocketsReadLoopEarlyAndSaysNothingOnStdout() throws Exception {
        List<String> verify = optionsFor("17.0.15", "verify", "--sim");
        int quiet = verify.indexOf("-XX:CompileCommand=quiet");
        assertTrue(quiet >= 0 && verify.indexOf(READ_LOOP) > quiet, verify.toString());
        // the name CompileCommand matches: that class must itself declare a run() with a body (getDeclaredMethod
        // throws when the library moved it; an abstract one would mean the loop lives in a subclass now)
        java.lang.reflect.Method run = org.java_websocket.client.WebSocketClient.class.getDeclaredMethod("run");
        assertFalse(java.lang.reflect.Modifier.isAbstract(run.getModifiers()), run.toString());
        for (String[] args : List.of(new String[] {"tail", "--sim"}, new String[] {"--version"},
                new String[] {"probe", "--sim"})) {
            assertFalse(optionsFor("17.0.15", args).contains(READ_LOOP), String.join(" ", args));
        }
        assertTheRealJavaStartsSilently(verify);
    }

    @Test
    void monitorStreamsLikeTailAndVerifyStaysBoundedAndShortCommandsStartFast() throws Exception {
        List<String> monitor = optionsFor("17.0.15", "monitor", "--sim");
        assertTrue(monitor.contains("-Xmn32m") && monitor.contains(TRIM), monitor.toString());
        assertFalse(monitor.contains("-XX:TieredStopAtLevel=1"), monitor.toString());

        List<String> verify = optionsFor("17.0.15", "verify", "--sim");
        assertTrue(verify.contains("-XX:TieredStopAtLevel=1") && verify.contains("-Xmn32m"), verify.toString());
        assertFalse(verify.contains(TRIM), verify.toString());

        List<String> help = optionsFor("17.0.15", "tail", "--help");
        assertTrue(help.contains("-XX:TieredStopAtLevel=1"), help.toString());
        assertFalse(help.contains("-Xmn32m") || help.contains(TRIM), help.toString());
    }

    private static final String THP = "-XX:+UseTransparentHugePages";

    /** The kernel's transparent huge page setting, as /sys/kernel/mm/transparent_hugepage/enabled shows it. */
    private void kernelHugePages(String setting) throws Exception {
        Path f = home.resolve("thp-enabled");
        Files.writeString(f, setting + "\n");
        env.put("FEEDCTL_THP_FILE", f.toString());
    }

    @Test
    void verifyAsksForHugePagesOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
        kernelHugePages("always [madvise] never");
        assertTrue(optionsFor("17.0.15", "verify", "--sim").contains(THP));
        assertTrue(optionsFor("21.0.5", "verify", "--sim", "-c", "level2").contains(THP));
        // streaming commands keep small pages: their resident memory over hours is a goal
        assertFalse(optionsFor("17.0.15", "tail", "--sim").contains(THP));
        assertFalse(optionsFor("17.0.15", "monitor", "--sim").contains(THP));
        assertFalse(optionsFor("17.0.15", "verify", "--help").contains(THP));
        assertFalse(optionsFor("17.0.15", "probe", "--sim").contains(THP));

        // "always" gives huge pages without asking; "never" would make the JVM warn on stderr
        kernelHugePages("[always] madvise never");
        assertFalse(optionsFor("17.0.15", "verify", "--sim").contains(THP));
        kernelHugePages("always madvise [never]");
        assertFalse(optionsFor("17.0.15", "verify", "--sim").contains(THP));
        env.remove("FEEDCTL_THP_FILE"); // optionsFor's default: a setting file that does not exist (not Linux)
        assertFalse(optionsFor("17.0.15", "verify", "--sim").contains(THP));
    }
}
