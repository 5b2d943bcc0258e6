package dev.feedctl.bench;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.ExchangeSimulator;
import dev.feedctl.sim.Fault;
import dev.feedctl.sim.Faults;
import dev.feedctl.sim.SimConfig;
import dev.feedctl.units.Notation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code scripts/soak-tail DURATION [EVERY]}: {@code bin/feedctl tail} against the simulator on loopback, a random fault
 * every EVERY (default 20 s: closes 1000/1001/1011, TCP drops, silent sockets, stalled data, unacknowledged
 * resubscribes, sequence gaps), and the figures: faults injected, outages detected, reconnect time p50/p99, crashes,
 * RSS at start and end. Matched one by one, not by count: every fault that found a live connection must be followed by
 * exactly one outage before the next fault, and no outage may come without one; every gap in the recording (connection,
 * expected, actual) must be a gap tail reported, and every gap tail reported must be in the recording. Exits 1 when a
 * must is broken.
 */
public final class SoakTail {

    private record Injected(String kind, java.time.Instant at, boolean killsConnection) {
    }

    public static void main(String[] args) throws Exception {
        Duration total = Notation.parseDuration(args.length > 0 ? args[0] : "10m");
        Duration every = Notation.parseDuration(args.length > 1 ? args[1] : "20s");
        Path work = Files.createDirectories(Path.of("target", "soak"));
        Path rec = work.resolve("tail-record.ndjson");
        Path err = work.resolve("tail-stderr.txt");
        Random random = new Random(7);
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults().withRate(200))) {
            Process tail = new ProcessBuilder("bin/feedctl", "tail", "--ws-url", sim.wsUri().toString(), "-p",
                    "BTC-USD,ETH-USD,SOL-USD", "--timeout", "2s", "--record", rec.toString(), "-o", "ndjson")
                    .redirectError(err.toFile()).start();
            List<JsonObject> events = new CopyOnWriteArrayList<>();
            long[] prices = {0};
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(tail.getInputStream()))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        JsonObject o = Json.parse(line).getAsJsonObject();
                        if (o.has("event")) {
                            events.add(o);
                        } else {
                            prices[0]++;
                        }
                    }
                } catch (Exception e) {
                    System.err.println("soak: stdout unreadable: " + e);
                }
            }, "soak-reader");
            reader.start();
            long ready = System.nanoTime() + 60_000_000_000L;
            while (events.stream().noneMatch(e -> e.get("event").getAsString().equals("connected"))
                    && System.nanoTime() < ready) {
                Thread.sleep(50);
            }
            Thread.sleep(5000); // warmed up: the RSS of a running tail, not of a JVM starting
            long rssStart = rssKiB(tail.pid());
            List<Injected> injected = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + total.toNanos();
            String[] kinds = {"close-1000", "close-1001", "close-1011", "tcp-drop", "silent-socket", "stalled-data",
                "no-ack-on-reconnect", "sequence-gaps"};
            while (System.nanoTime() + every.toNanos() < end && tail.isAlive()) {
                Thread.sleep(every.toMillis());
                String kind = kinds[random.nextInt(kinds.length)];
                java.time.Instant at = java.time.Instant.now();
                int hit = inject(sim, kind);
                // a fault that finds no live connection (tail still waiting to reconnect) cannot cause an outage
                injected.add(new Injected(kind, at, !kind.equals("stalled-data") && hit > 0));
                System.err.printf("soak: %5.0f s  %s%n", (System.nanoTime() - start) / 1e9, kind);
            }
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            long rssEnd = rssKiB(tail.pid());
            boolean crashed = !tail.isAlive();
            new ProcessBuilder("kill", "-INT", Long.toString(tail.pid())).start().waitFor();
            tail.waitFor();
            reader.join(5000);
            report(injected, events, prices[0], rec, err, crashed, tail.exitValue(), rssStart, rssEnd, total, every);
        }
    }

    /** Injects the fault; returns how many live connections it hit. */
    private static int inject(ExchangeSimulator sim, String kind) throws InterruptedException {
        switch (kind) {
            case "close-1000":
                return sim.closeAll(1000, "");
            case "close-1001":
                return sim.closeAll(1001, "going away");
            case "close-1011":
                return sim.closeAll(1011, "internal error");
            case "tcp-drop":
                return sim.dropAll();
            case "silent-socket":
                return sim.stallAll(false);
            case "stalled-data":
                return sim.stallAll(true); // heartbeats go on: stale products, no outage
            case "no-ack-on-reconnect":
            case "sequence-gaps": { // the next connections are not acknowledged / skip sequence numbers
                sim.setFaults(Faults.NONE.with(kind.equals("sequence-gaps") ? new Fault.SequenceGaps(50, 3)
                        : new Fault.NoAck()));
                int hit = sim.closeAll(1001, "going away");
                Thread.sleep(5000);
                sim.setFaults(Faults.NONE);
                return hit;
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    private static void report(List<Injected> injected, List<JsonObject> events, long prices, Path rec, Path err,
                               boolean crashed, int exit, long rssStart, long rssEnd, Duration total, Duration every)
            throws Exception {
        Map<String, Integer> byKind = new TreeMap<>();
        injected.forEach(i -> byKind.merge(i.kind(), 1, Integer::sum));
        long expectedOutages = injected.stream().filter(Injected::killsConnection).count();
        List<java.time.Instant> outageTimes = events.stream().filter(e -> e.get("event").getAsString().equals("outage"))
                .map(e -> java.time.Instant.parse(e.get("at").getAsString())).sorted().toList();
        long outages = outageTimes.size();
        List<String> outageMismatches = matchOutages(injected, outageTimes);
        List<Long> reconnect = new ArrayList<>();
        List<Long> detection = new ArrayList<>();
        for (JsonObject e : events) {
            if (e.get("event").getAsString().equals("reconnected")) {
                reconnect.add(e.get("downtime_ms").getAsLong());
                detection.add(e.get("detection_ms").getAsLong());
            }
        }
        long staleEvents = events.stream().filter(e -> e.get("event").getAsString().equals("stale")).count();
        java.util.Set<String> reported = new java.util.TreeSet<>();
        for (JsonObject e : events) {
            if (e.get("event").getAsString().equals("gap") && e.get("kind").getAsString().equals("gap")) {
                reported.add(gapKey(e.get("connection").getAsLong(), e.get("expected").getAsLong(),
                        e.get("actual").getAsLong()));
            }
        }
        java.util.Set<String> recorded = gapsIn(rec);
        java.util.Set<String> unreported = new java.util.TreeSet<>(recorded);
        unreported.removeAll(reported);
        java.util.Set<String> unfounded = new java.util.TreeSet<>(reported);
        unfounded.removeAll(recorded);
        String stderr = Files.readString(err);
        boolean exceptions = stderr.contains("Exception") || stderr.contains("internal error");
        int crashes = (crashed ? 1 : 0) + (exit != 130 ? 1 : 0) + (exceptions ? 1 : 0);
        StringBuilder out = new StringBuilder();
        out.append("| figure | value |\n|---|---|\n");
        out.append("| run | ").append(Notation.duration(total)).append(", a fault every ")
                .append(Notation.duration(every)).append(" |\n");
        out.append("| faults injected | ").append(injected.size()).append(" (").append(String.join(", ", byKind.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList())).append(") |\n");
        out.append("| outages detected | ").append(outages).append(" (").append(expectedOutages)
                .append(" expected: every fault that found a live connection, but stalled-data, kills it; ")
                .append(outageMismatches.isEmpty() ? "each matched to its fault" : "NOT matched: "
                        + String.join("; ", outageMismatches)).append(") |\n");
        out.append("| reconnect time (detection to every ack), p50 / p99 | ").append(pct(reconnect, 50)).append(" / ")
                .append(pct(reconnect, 99)).append(" ms |\n");
        out.append("| detection delay (last frame to known dead), p50 / p99 | ").append(pct(detection, 50))
                .append(" / ").append(pct(detection, 99)).append(" ms |\n");
        out.append("| stale events | ").append(staleEvents).append(" |\n");
        out.append("| sequence gaps in the recording / reported by tail / unreported / reported, not recorded | ")
                .append(recorded.size()).append(" / ").append(reported.size()).append(" / ").append(unreported.size())
                .append(unreported.isEmpty() ? "" : " (" + String.join(", ", unreported) + ")").append(" / ")
                .append(unfounded.size()).append(unfounded.isEmpty() ? "" : " (" + String.join(", ", unfounded) + ")")
                .append(" |\n");
        out.append("| crashes | ").append(crashes).append(" (exit ").append(exit).append(" after SIGINT) |\n");
        out.append("| price lines | ").append(prices).append(" |\n");
        out.append("| RSS start / end | ").append(rssStart / 1024).append(" / ").append(rssEnd / 1024)
                .append(" MiB |\n");
        System.out.print(out);
        Files.writeString(Path.of("target", "soak", "soak-tail.md"), out.toString());
        if (crashes > 0 || !unreported.isEmpty() || !unfounded.isEmpty() || !outageMismatches.isEmpty()) {
            System.exit(1);
        }
    }

    /**
     * Each fault's window runs from its injection to the next one's: a fault that killed a connection must have
     * exactly one outage in it, any other none; an outage before the first fault has no cause either. What broke that.
     */
    private static List<String> matchOutages(List<Injected> injected, List<java.time.Instant> outages) {
        List<String> problems = new ArrayList<>();
        java.time.Instant first = injected.isEmpty() ? java.time.Instant.MAX : injected.get(0).at();
        long early = outages.stream().filter(o -> o.isBefore(first)).count();
        if (early > 0) {
            problems.add(early + " outage(s) before any fault");
        }
        for (int i = 0; i < injected.size(); i++) {
            Injected f = injected.get(i);
            java.time.Instant until = i + 1 < injected.size() ? injected.get(i + 1).at() : java.time.Instant.MAX;
            long in = outages.stream().filter(o -> !o.isBefore(f.at()) && o.isBefore(until)).count();
            long want = f.killsConnection() ? 1 : 0;
            if (in != want) {
                problems.add(f.kind() + " at " + f.at() + ": " + in + " outage(s), expected " + want);
            }
        }
        return problems;
    }

    private static String gapKey(long connection, long expected, long actual) {
        return "connection " + connection + " expected " + expected + " got " + actual;
    }

    /** Sequence gaps in the recording, one by one: what tail saw, found independently of what it said. */
    private static java.util.Set<String> gapsIn(Path rec) throws Exception {
        Map<String, Long> last = new HashMap<>();
        java.util.Set<String> gaps = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(rec)) {
            JsonObject o = Json.parse(line).getAsJsonObject();
            if (!o.has("frame")) {
                continue;
            }
            JsonObject f = Json.parse(o.get("frame").getAsString()).getAsJsonObject();
            if (!f.has("sequence_num")) {
                continue;
            }
            String conn = o.get("connection").getAsString();
            long seq = f.get("sequence_num").getAsLong();
            Long prev = last.put(conn, seq);
            if (prev != null && seq > prev + 1) {
                gaps.add(gapKey(Long.parseLong(conn), prev + 1, seq));
            }
        }
        return gaps;
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long rssKiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
