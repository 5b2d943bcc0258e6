package dev.feedctl.cli;

import dev.feedctl.check.ExitCode;

/** Ends a command with an exit code and a one-line message, from anywhere, without System.exit. */
public final class ExitException extends RuntimeException {

    private final ExitCode code;

    public ExitException(ExitCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ExitException usage(String message) {
        return new ExitException(ExitCode.USAGE, message);
    }

    public static ExitException connection(String message) {
        return new ExitException(ExitCode.CONNECTION, message);
    }

    public static ExitException auth(String message) {
        return new ExitException(ExitCode.AUTH, message);
    }

    public static ExitException protocol(String message) {
        return new ExitException(ExitCode.PROTOCOL, message);
    }

    public static ExitException failed(String message) {
        return new ExitException(ExitCode.VERIFICATION_FAILED, message);
    }

    public int code() {
        return code.code();
    }
}
