package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/** Help printed from the texts stored at build time is, byte for byte, the help picocli renders live. */
@Isolated // one test sets a picocli system property for the whole process
@Timeout(30)
class HelpTextsTest {

    @Test
    void everyCommandHasAStoredHelpThatIsWhatPicocliRendersLive() {
        assertEquals(java.util.List.of("feedctl", "connect", "subscribe", "probe", "verify", "tail", "monitor",
                "sim", "exam"),
                HelpTexts.names());
        for (String name : HelpTexts.names()) {
            String stored = HelpTexts.stored(name);
            assertNotNull(stored, () -> name + ": no stored help (the build's process-classes step did not run)");
            assertEquals(HelpTexts.render(name), stored, name);
            assertTrue(stored.startsWith("Usage: feedctl"), stored);
        }
    }

    @Test
    void helpArgumentsPrintTheStoredTextAndExitZero() {
        for (String name : HelpTexts.names()) {
            String[] args = "feedctl".equals(name) ? new String[] {"--help"} : new String[] {name, "-h"};
            Run r = Run.of(args);
            assertEquals(0, r.code(), r::toString);
            assertEquals(HelpTexts.stored(name), r.out(), r::toString);
            assertEquals("", r.err(), r::toString);
        }
    }

    @Test
    void onlyAPlainHelpRequestIsServedFromTheStoredTexts() {
        assertEquals("feedctl", HelpTexts.helpOnly(new String[] {"-h"}));
        assertEquals("verify", HelpTexts.helpOnly(new String[] {"verify", "--help"}));
        assertNull(HelpTexts.helpOnly(new String[] {"verify", "--help", "--sim"}));
        assertNull(HelpTexts.helpOnly(new String[] {"--sim", "--help"}));
        assertNull(HelpTexts.helpOnly(new String[] {"feedctl", "--help"}));
        assertNull(HelpTexts.helpOnly(new String[] {"generate-completion", "--help"}));
        assertNull(HelpTexts.helpOnly(new String[] {"help", "verify"}));
    }

    @Test
    void aPicocliWidthSettingIsRenderedLiveNotFromTheStoredText() {
        String stored = HelpTexts.stored("verify");
        System.setProperty("picocli.usage.width", "120");
        try {
            Run r = Run.with(Map.of(), "verify", "--help");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().lines().anyMatch(l -> l.length() > 80), r::toString);
            assertTrue(!stored.equals(r.out()), r::toString);
        } finally {
            System.clearProperty("picocli.usage.width");
        }
    }
}
