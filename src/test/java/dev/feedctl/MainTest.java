package dev.feedctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;
import uk.org.webcompere.systemstubs.security.SystemExit;
import uk.org.webcompere.systemstubs.stream.SystemErr;
import uk.org.webcompere.systemstubs.stream.SystemOut;

/** The process edge: Main reads the real environment, writes to the real streams and ends with System.exit. */
@Isolated
@ExtendWith(SystemStubsExtension.class)
class MainTest {

    @SystemStub
    private EnvironmentVariables env = new EnvironmentVariables("FEEDCTL_WS_URL", "ws://127.0.0.1:9",
            "FEEDCTL_REST_URL", "http://127.0.0.1:9");

    @SystemStub
    private SystemExit exit;

    @SystemStub
    private SystemOut out;

    @SystemStub
    private SystemErr err;

    @Test
    void theEnvironmentChoosesTheUrlAndTheExitCodeReachesTheProcess() throws Exception {
        exit.execute(() -> Main.main(new String[] {"connect"}));
        assertEquals(3, exit.getExitCode(), out.getText() + err.getText());
        assertTrue(out.getText().contains("ws://127.0.0.1:9"), out.getText());
        assertTrue(out.getText().contains("connection refused"), out.getText());
    }

    @Test
    void versionExitsZero() throws Exception {
        exit.execute(() -> Main.main(new String[] {"--version"}));
        assertEquals(0, exit.getExitCode());
        assertTrue(out.getText().startsWith("feedctl "), out.getText());
    }
}
