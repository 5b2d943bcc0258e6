package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/** After each command, in-process, no thread of feedctl, its sockets or its simulator is left running. */
@Isolated // counts every live thread of the JVM: nothing else may run meanwhile
@Timeout(120)
class ThreadsLeftBehindTest {

    private static final List<List<String>> RUNS = List.of(
            List.of("connect", "--sim", "--hold", "1s"),
            List.of("subscribe", "--sim=going-away", "--duration", "2s"),
            List.of("probe", "--sim=stall-all", "--duration", "1500ms"),
            List.of("verify", "--sim=rest-429", "--duration", "1500ms"),
            List.of("tail", "--sim=going-away", "--duration", "2500ms", "--rest-check", "500ms"),
            List.of("tail", "--sim=refuse-503", "--max-reconnects", "2"),
            List.of("tail", "--sim=legacy-exchange"),
            List.of("exam", "--lesson-timeout", "1s", "--", "true"),
            List.of("monitor", "--sim=going-away", "--duration", "2500ms", "--metrics", "0", "--rest-check", "500ms"));

    private static Set<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** One command run on a thread of a group of its own: every thread it starts, and theirs, joins that group. */
    private static final class Started {
        final List<String> args;
        final ThreadGroup group;
        final Thread thread;
        volatile Run run;
        volatile Throwable failure;

        Started(List<String> args) {
            this.args = args;
            this.group = new ThreadGroup("feedctl " + String.join(" ", args));
            this.thread = new Thread(group, () -> {
                try {
                    run = Run.of(args.toArray(String[]::new));
                } catch (Throwable e) {
                    failure = e;
                }
            }, "run " + args.get(0));
            thread.start();
        }

        Run await() throws Throwable {
            thread.join();
            if (failure != null) {
                throw failure;
            }
            return run;
        }
    }

    /**
     * The commands run side by side (the 9 runs one after the other held every other test back for ~14 s); each
     * thread left over is named with the command whose thread group it belongs to, and one outside all of them (not
     * there before the runs) fails the test too.
     */
    @Test
    void noCommandLeavesAThreadBehind() throws Throwable {
        Set<Thread> before = live();
        List<Started> started = new ArrayList<>();
        for (List<String> args : RUNS) {
            started.add(new Started(args));
        }
        for (Started s : started) {
            Run r = s.await();
            assertTrue(r.code() != 70, r::toString);
        }
        Set<Thread> extra = Set.of();
        long until = System.nanoTime() + 5_000_000_000L; // sockets and pools wind down asynchronously
        while (System.nanoTime() < until) {
            extra = live().stream().filter(t -> !before.contains(t))
                    .filter(t -> !t.getName().startsWith("ForkJoinPool")) // the JVM's common pool
                    // the JDK's HTTP keep-alive cache: one per JVM, ends itself after 5 idle seconds
                    .filter(t -> !t.getName().equals("Keep-Alive-Timer"))
                    // the JDK's reaper of child processes (exam's client): one pool per JVM, idles out itself
                    .filter(t -> !t.getName().equals("process reaper"))
                    .collect(Collectors.toSet());
            if (extra.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        Set<Thread> left = extra;
        assertTrue(left.isEmpty(), () -> leftBehind(left));
    }

    /** "feedctl ARGS left NAMES" for each command's threads, then any thread that belongs to none of them. */
    private static String leftBehind(Set<Thread> extra) {
        return extra.stream().collect(Collectors.groupingBy(t -> {
            ThreadGroup g = t.getThreadGroup();
            return g == null ? "(ended)" : g.getName();
        }, Collectors.mapping(Thread::getName, Collectors.joining(", ")))).entrySet().stream()
                .map(e -> (e.getKey().startsWith("feedctl ") ? e.getKey() : "a thread outside the commands' groups ("
                        + e.getKey() + ")") + " left " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
