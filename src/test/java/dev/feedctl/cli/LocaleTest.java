package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.FeedctlProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures read the same on every machine: a German default locale must not turn 12.3 ms into 12,3 ms. feedctl runs
 * as a process started in German, as a user's JVM starts: setting this JVM's default locale instead made the test
 * hold the whole suite still (@Isolated) while it ran.
 */
@Timeout(30)
class LocaleTest {

    private static final List<String> GERMAN = List.of("-Duser.language=de", "-Duser.country=DE");

    @TempDir
    Path dir;

    @Test
    void verifyAndProbeFiguresUseADecimalPointWhateverTheDefaultLocale() throws Exception {
        Process probe = start("probe", "probe", "--sim", "--duration", "3s");
        Process verify = start("verify", "verify", "--sim", "--duration", "3s", "--min-messages", "1");
        for (String name : List.of("probe", "verify")) {
            Process p = name.equals("probe") ? probe : verify;
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), name + " ended");
            String out = Files.readString(dir.resolve(name + ".out"));
            String all = out + Files.readString(dir.resolve(name + ".err"));
            assertEquals(0, p.exitValue(), all);
            assertTrue(Pattern.compile("\\d\\.\\d ms").matcher(out).find(), all);
            assertFalse(Pattern.compile("\\d,\\d+ (ms|s|bps)\\b").matcher(all).find(), all);
        }
    }

    /** feedctl ARGS in a JVM whose default locale is de_DE, its stdout and stderr in NAME.out and NAME.err. */
    private Process start(String name, String... args) throws Exception {
        return new ProcessBuilder(FeedctlProcess.command(GERMAN, args))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }
}
