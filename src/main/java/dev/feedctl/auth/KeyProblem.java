package dev.feedctl.auth;

/** A key that cannot be used, with a one-line message that says what is wrong and what to do. */
public final class KeyProblem extends Exception {

    public KeyProblem(String message) {
        super(message);
    }
}
