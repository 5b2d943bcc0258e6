package dev.feedctl.exam;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The examined client: started in a process group of its own (through {@code setsid} where the system has it),
 * stdin closed, the last {@value #KEPT} lines of stdout and stderr kept. {@link #stop} ends the whole group: SIGTERM,
 * then SIGKILL after {@link #GRACE_SECONDS} s; a shutdown hook does the same if feedctl itself is ended first, so the
 * client never outlives it.
 */
public final class ChildProcess implements AutoCloseable {

    static final int KEPT = 200;
    static final int GRACE_SECONDS = 3;
    private static final String SETSID = "/usr/bin/setsid";

    private final Process process;
    private final boolean ownGroup;
    private final Tail out = new Tail();
    private final Tail err = new Tail();
    private final Thread hook;

    private ChildProcess(Process process, boolean ownGroup) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.hook = new Thread(this::stop, "feedctl-exam-child-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param passThrough receives every line of both streams while it runs (--keep-output); null for none
     * @param onExit      runs once when the process has ended by itself or been stopped
     * @throws IOException when the command cannot be started (not found, not executable)
     */
    public static ChildProcess start(List<String> command, Map<String, String> env, Consumer<String> passThrough,
                                     Runnable onExit) throws IOException {
        requireRunnable(command.get(0), env);
        boolean setsid = Files.isExecutable(Path.of(SETSID));
        List<String> argv = new ArrayList<>();
        if (setsid) {
            argv.add(SETSID); // the child leads a new session and process group: its group id is its pid
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        ChildProcess child = new ChildProcess(pb.start(), setsid);
        child.out.read(child.process.getInputStream(), passThrough, "feedctl-exam-stdout");
        child.err.read(child.process.getErrorStream(), passThrough, "feedctl-exam-stderr");
        child.process.onExit().thenRun(onExit);
        return child;
    }

    /** A command that is not a path must be found on PATH: said as a usage error, not as a client that never came. */
    private static void requireRunnable(String program, Map<String, String> env) throws IOException {
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IOException(program + " is not an executable file");
            }
            return;
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new IOException(program + " was not found on PATH");
    }

    /** The exit code, or null while it runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> stdoutTail() {
        return out.lines();
    }

    public List<String> stderrTail() {
        return err.lines();
    }

    /** Ends the client and everything it started: SIGTERM to all, SIGKILL to what is left after the grace time. */
    public void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        signalGroup("TERM");
        tree.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (ProcessHandle p : tree) {
            long left = end - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception stillRunning) {
                // killed below
            }
        }
        signalGroup("KILL");
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Signals the client's whole process group, which also reaches grandchildren that left the process tree. */
    private void signalGroup(String signal) {
        if (!ownGroup || !process.isAlive() && process.descendants().findAny().isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the per-process signals still reach the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) stop() itself
        }
    }

    /** The last {@value #KEPT} lines of one stream. */
    private static final class Tail {
        private final ArrayDeque<String> lines = new ArrayDeque<>();

        void read(InputStream in, Consumer<String> passThrough, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        add(line);
                        if (passThrough != null) {
                            passThrough.accept(line);
                        }
                    }
                } catch (IOException closed) {
                    // the process ended
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        synchronized void add(String line) {
            if (lines.size() == KEPT) {
                lines.pollFirst();
            }
            lines.addLast(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
