package dev.feedctl.sim;

import java.time.Instant;

/** The exchange's verdict on a socket subscribe's JWT, for graders outside the simulator (feedctl exam). */
public final class SocketTokens {

    private SocketTokens() {
    }

    /** Null when {@code key} would accept {@code jwt} at {@code at}; else why not. */
    public static String reject(String jwt, SimConfig.TrustedKey key, Instant at) {
        return JwtCheck.reject(jwt, key, at, null);
    }
}
