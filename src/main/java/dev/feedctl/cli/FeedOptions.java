package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import picocli.CommandLine.Mixin;

/**
 * What the commands that subscribe share: the socket's options, what to subscribe to, and the key to sign with. The
 * commands that end in a verdict extend it ({@link VerdictOptions}).
 */
public class FeedOptions extends SocketOptions {

    @Mixin
    StreamOptions stream;

    @Mixin
    AuthOptions auth;

    /** The configured key, or null; its warnings go to {@code terminal}, a bad key is exit 2. */
    CdpKey key(Terminal terminal) {
        return auth.load(root(), terminal);
    }
}
