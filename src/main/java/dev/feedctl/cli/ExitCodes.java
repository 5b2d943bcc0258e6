package dev.feedctl.cli;

/** The exit codes of CLI.md; users' scripts depend on them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int VERIFICATION_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;
    public static final int AUTH = 4;
    public static final int PROTOCOL = 5;
    public static final int INTERNAL = 70;
    public static final int INTERRUPTED = 130;

    /** The table shown by {@code --help}: "code:description" as picocli's exitCodeList wants it. */

    private ExitCodes() {
    }
}
