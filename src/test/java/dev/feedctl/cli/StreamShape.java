package dev.feedctl.cli;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code subscribe -o text} showed, read back from its lines ({@code 12:00:00.123 ticker seq=5 BTC-USD …}):
 * the evidence a person sees in the stream itself when subscribe, which judges nothing, meets a broken feed.
 */
record StreamShape(List<LocalTime> times, List<String> channels, List<Long> sequences) {

    private static final Pattern LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (\\S+) +seq=(\\d+)");

    static StreamShape of(List<String> lines) {
        List<LocalTime> times = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (m.find()) {
                times.add(LocalTime.parse(m.group(1)));
                channels.add(m.group(2));
                sequences.add(Long.parseLong(m.group(3)));
            }
        }
        return new StreamShape(times, channels, sequences);
    }

    /** Places where sequence_num skipped a number (it counts every frame on the connection, by one). */
    long jumps() {
        long n = 0;
        for (int i = 1; i < sequences.size(); i++) {
            if (sequences.get(i) > sequences.get(i - 1) + 1) {
                n++;
            }
        }
        return n;
    }

    /** Data flowed, then stopped while heartbeats went on: the last line is a heartbeat after the last data. */
    boolean heartbeatsAfterData() {
        int lastData = -1;
        for (int i = 0; i < channels.size(); i++) {
            if (!channels.get(i).equals("heartbeats") && !channels.get(i).equals("subscriptions")) {
                lastData = i;
            }
        }
        return lastData >= 0 && lastData < channels.size() - 1 && channels.get(channels.size() - 1).equals("heartbeats");
    }

    /** From the first line shown to the last (0 when fewer than two). */
    long spanMillis() {
        return times.size() < 2 ? 0 : java.time.Duration.between(times.get(0), times.get(times.size() - 1)).toMillis();
    }
}
