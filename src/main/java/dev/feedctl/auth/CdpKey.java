package dev.feedctl.auth;

import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ServerErrors;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

/**
 * A loaded CDP API key. {@link #toString()} never shows key material.
 *
 * @param name      the key name, used as JWT {@code kid} and {@code sub}
 * @param warnings  problems worth telling the user that do not stop the key from working
 * @param signed    told every token signed with this key and its signature, so the run's redactor removes them even
 *                  where they show up alone (a server echoing a signature back)
 */
public record CdpKey(String name, Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey,
                     List<String> warnings, java.util.function.Consumer<String> signed) {

    public CdpKey(String name, Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey, List<String> warnings) {
        this(name, algorithm, privateKey, publicKey, warnings, token -> { });
    }

    /**
     * What a server error frame means after subscribes to {@code channels} made with {@code key} (null: no key):
     * the one place that turns a key into what {@link ServerErrors} needs to know of it.
     */
    public static ServerErrors.Explanation explain(Frame.Error error, List<String> channels, CdpKey key) {
        return ServerErrors.explain(error, channels, key != null, key != null && key.algorithm() == Algorithm.EDDSA);
    }

    /** This key, with every token it signs reported to {@code sink}. */
    public CdpKey reporting(java.util.function.Consumer<String> sink) {
        return new CdpKey(name, algorithm, privateKey, publicKey, warnings, sink);
    }

    public enum Algorithm {
        ES256("ECDSA P-256"), EDDSA("Ed25519");

        private final String keyKind;

        Algorithm(String keyKind) {
            this.keyKind = keyKind;
        }

        public String jwtName() {
            return this == ES256 ? "ES256" : "EdDSA";
        }

        public String keyKind() {
            return keyKind;
        }
    }

    public CdpKey {
        warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return "CdpKey[" + name + ", " + algorithm.jwtName() + ", private key redacted]";
    }
}
