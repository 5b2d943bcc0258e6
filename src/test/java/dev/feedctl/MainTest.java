package dev.feedctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process edge: Main reads the real environment, writes to the real stdout (its file descriptor, through an
 * interruptible channel, so an in-process stub of System.out would not see it) and ends with System.exit. So it runs
 * as a process of its own.
 */
@Timeout(60)
class MainTest {

    private record Ended(int code, String out, String err) {
    }

    private static Ended main(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = FeedctlProcess.command(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "feedctl ended");
        return new Ended(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err,
                StandardCharsets.UTF_8));
    }

    @Test
    void theEnvironmentChoosesTheUrlAndTheExitCodeReachesTheProcess() throws Exception {
        Ended e = main(Map.of("FEEDCTL_WS_URL", "ws://127.0.0.1:9", "FEEDCTL_REST_URL", "http://127.0.0.1:9"),
                "connect");
        assertEquals(3, e.code(), e.out() + e.err());
        assertTrue(e.out().contains("ws://127.0.0.1:9"), e.out());
        assertTrue(e.out().contains("connection refused"), e.out());
    }

    @Test
    void versionExitsZero() throws Exception {
        Ended e = main(Map.of(), "--version");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("feedctl "), e.out());
    }
}
