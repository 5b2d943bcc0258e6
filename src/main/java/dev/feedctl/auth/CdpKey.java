package dev.feedctl.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

/**
 * A loaded CDP API key. {@link #toString()} never shows key material.
 *
 * @param name      the key name, used as JWT {@code kid} and {@code sub}
 * @param warnings  problems worth telling the user that do not stop the key from working
 */
public record CdpKey(String name, Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey,
                     List<String> warnings) {

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
