package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/** Figures read the same on every machine: a German default locale must not turn 12.3 ms into 12,3 ms. */
@Isolated // changes the process-wide default locale
@Timeout(30)
class LocaleTest {

    @Test
    void verifyAndProbeFiguresUseADecimalPointWhateverTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            // side by side: every other test waits while this one holds the process (one after the other took 3 s)
            FutureTask<Run> probe = new FutureTask<>(() -> Run.of("probe", "--sim", "--duration", "1500ms"));
            new Thread(probe, "probe").start();
            Run verify = Run.of("verify", "--sim", "--duration", "1500ms", "--min-messages", "1");
            for (Run r : new Run[] {verify, probe.get()}) {
                assertEquals(0, r.code(), r::toString);
                assertTrue(Pattern.compile("\\d\\.\\d ms").matcher(r.out()).find(), r::toString);
                assertFalse(Pattern.compile("\\d,\\d+ (ms|s|bps)\\b").matcher(r.out() + r.err()).find(), r::toString);
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
