package dev.feedctl.cli;

/** Ends a command with an exit code and a one-line message, from anywhere, without System.exit. */
public final class ExitException extends RuntimeException {

    private final int code;

    public ExitException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ExitException usage(String message) {
        return new ExitException(ExitCodes.USAGE, message);
    }

    public static ExitException connection(String message) {
        return new ExitException(ExitCodes.CONNECTION, message);
    }

    public static ExitException auth(String message) {
        return new ExitException(ExitCodes.AUTH, message);
    }

    public static ExitException protocol(String message) {
        return new ExitException(ExitCodes.PROTOCOL, message);
    }

    public static ExitException failed(String message) {
        return new ExitException(ExitCodes.VERIFICATION_FAILED, message);
    }

    public int code() {
        return code;
    }
}
