package dev.feedctl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two (or more) clients of one simulator run at the same time, their stdout lines and CPU counted over the same
 * window: on a machine other work loads unevenly, runs one after the other see different machines, runs side by
 * side see the same one. Issue 23's "--metrics costs nothing measurable" is such a comparison.
 */
final class SideBySide {

    private SideBySide() {
    }

    /** Lines and CPU seconds per command in the window {@code warmup}..{@code warmup + measure} seconds. */
    static Bench.Result[] run(List<List<String>> commands, double warmup, double measure) throws Exception {
        List<Process> ps = new ArrayList<>();
        List<AtomicLong> lines = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        boolean[] counting = {false};
        for (List<String> cmd : commands) {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong n = new AtomicLong();
            Thread t = new Thread(() -> count(p.getInputStream(), n, counting), "bench-reader");
            t.setDaemon(true);
            t.start();
            ps.add(p);
            lines.add(n);
            readers.add(t);
        }
        Thread.sleep((long) (warmup * 1000));
        long[] cpuFrom = cpu(ps);
        synchronized (counting) {
            counting[0] = true;
        }
        Thread.sleep((long) (measure * 1000));
        long[] cpuTo = cpu(ps);
        synchronized (counting) {
            counting[0] = false;
        }
        Bench.Result[] out = new Bench.Result[ps.size()];
        double tick = clockTicks();
        for (int i = 0; i < ps.size(); i++) {
            ps.get(i).waitFor(60, TimeUnit.SECONDS);
            readers.get(i).join(5000);
            out[i] = new Bench.Result(lines.get(i).get(), measure, (cpuTo[i] - cpuFrom[i]) / tick);
        }
        return out;
    }

    private static void count(InputStream in, AtomicLong n, boolean[] counting) {
        byte[] buf = new byte[1 << 16];
        try (in) {
            for (int r; (r = in.read(buf)) > 0; ) {
                boolean on;
                synchronized (counting) {
                    on = counting[0];
                }
                if (on) {
                    long c = 0;
                    for (int i = 0; i < r; i++) {
                        if (buf[i] == '\n') {
                            c++;
                        }
                    }
                    n.addAndGet(c);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static long[] cpu(List<Process> ps) throws IOException {
        long[] out = new long[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            String s = Files.readString(Path.of("/proc", Long.toString(ps.get(i).pid()), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            out[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return out;
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }
}
