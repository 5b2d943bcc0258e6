package dev.feedctl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.feedctl.sim.SimConfig;

/** Recordings named on the command line: a regular readable file, or {@code -} for stdin. */
final class RecordingFiles {

    private RecordingFiles() {
    }

    static BufferedReader open(String name) {
        if ("-".equals(name)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        }
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw ExitException.usage("cannot replay " + name + ": " + (Files.exists(p) ? "not a regular file"
                    : "no such file"));
        }
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ExitException.usage("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** A recording for {@code sim --replay}, with its pace: {@code 1}, {@code 10}, ... or {@code max}. */
    static SimConfig.Replay replayOf(String file, String speed) {
        double pace;
        if ("max".equalsIgnoreCase(speed)) {
            pace = 0;
        } else {
            try {
                pace = Double.parseDouble(speed);
            } catch (NumberFormatException e) {
                pace = -1;
            }
            if (!(pace > 0) || pace > 1_000_000) {
                throw ExitException.usage("--speed takes a factor such as 1 or 10, or max; got '" + speed + "'");
            }
        }
        try (BufferedReader in = open(file)) {
            SimConfig.Replay r = SimConfig.Replay.of(in.lines(), pace);
            if (r.lines().isEmpty()) {
                throw ExitException.usage("nothing to replay: " + file + " holds no frame");
            }
            return r;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ExitException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
