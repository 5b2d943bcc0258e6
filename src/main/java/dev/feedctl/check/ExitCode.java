package dev.feedctl.check;

import dev.feedctl.units.Notation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of docs/cli.md, which users' scripts depend on. When several checks fail, the run exits with the code
 * of the earliest stage in the ladder: {@link #stageRank} orders them (connection, auth, protocol, evidence).
 * {@code --help} lists this table; nothing else spells the numbers.
 */
public enum ExitCode {
    OK(0, "success; for verify, every check passed", -1),
    VERIFICATION_FAILED(1, "verification failed: the feed connects but the evidence falls short", 3),
    USAGE(2, "usage error: bad option, unreadable file, bad key file format", -1),
    CONNECTION(3, "connection failed: DNS, TCP, TLS, upgrade refused, closed before subscribing", 0),
    AUTH(4, "authentication failed: key rejected locally or by the server", 1),
    PROTOCOL(5, "protocol error: server error frame, no acknowledgement, legacy/non-Advanced-Trade format", 2),
    INTERNAL(70, "internal error in feedctl (a bug: please report it)", -1),
    INTERRUPTED(130, "interrupted (Ctrl-C); partial results are still written", -1),
    TERMINATED(143, "terminated (SIGTERM); partial results are still written", -1);

    private final int code;
    private final String meaning;
    private final int stageRank;

    ExitCode(int code, String meaning, int stageRank) {
        this.code = code;
        this.meaning = meaning;
        this.stageRank = stageRank;
    }

    public int code() {
        return code;
    }

    /** Position in the ladder (0 first); codes that are not a stage rank after every stage. */
    public int stageRank() {
        return stageRank < 0 ? Integer.MAX_VALUE : stageRank;
    }

    /** The table for {@code --help}, code to meaning, in the order of docs/cli.md. */
    public static Map<String, String> helpTable() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ExitCode c : values()) { // plain padding: java.util.Formatter costs start-up time here
            String n = Integer.toString(c.code);
            m.put("   ".substring(Math.min(3, n.length())) + n, c.meaning);
        }
        return m;
    }
}
