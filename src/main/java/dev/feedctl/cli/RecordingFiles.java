package dev.feedctl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a recording named on the command line: a regular readable file, or {@code -} for stdin. */
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
}
