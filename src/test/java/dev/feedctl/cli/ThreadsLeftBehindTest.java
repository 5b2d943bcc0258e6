package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void noCommandLeavesAThreadBehind() throws Exception {
        for (List<String> args : RUNS) {
            Set<Thread> before = live();
            Run r = Run.of(args.toArray(String[]::new));
            assertTrue(r.code() != 70, r::toString);
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
            Set<String> names = extra.stream().map(Thread::getName).collect(Collectors.toSet());
            assertTrue(extra.isEmpty(), "feedctl " + String.join(" ", args) + " left " + names);
        }
    }
}
