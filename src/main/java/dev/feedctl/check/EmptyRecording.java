package dev.feedctl.check;

import java.util.List;
import java.util.Map;

/**
 * A recording without a single line: nothing to judge, so every check says so, except messages, for which absence is
 * the failure. No channel or product is assumed.
 */
final class EmptyRecording {

    private EmptyRecording() {
    }

    static List<CheckResult> checks(String name) {
        String none = "the recording " + name + " is empty";
        return List.of(
                CheckResult.skip("acknowledged", none + ": no subscriptions acknowledgement to judge"),
                CheckResult.skip("format", none + ": no frame to judge"),
                CheckResult.skip("connection", none + ": it shows no connection"),
                CheckResult.fail("messages", ExitCode.VERIFICATION_FAILED, "0 frames in " + name,
                        "the recording holds no data: nothing shows the feed working",
                        "record again (tail --record FILE, subscribe --annotate > FILE) and check the file is written",
                        Map.of("frames", 0)),
                CheckResult.skip("schema", none + ": no frame to validate"),
                CheckResult.skip("sequence", none + ": no sequence_num to follow"),
                CheckResult.skip("heartbeats", none + ": no heartbeat, and nothing says they were subscribed"),
                CheckResult.skip("freshness", none + ": no product to judge"),
                CheckResult.skip("rest-price", "replay: REST is not consulted for a recording"),
                CheckResult.skip("keeping-up", "replay: the frames were read from a file"));
    }
}
