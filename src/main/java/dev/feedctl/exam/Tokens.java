package dev.feedctl.exam;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import dev.feedctl.sim.SimConfig;
import dev.feedctl.sim.SocketTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JWT rules of a socket subscribe (docs/protocol.md §6): not expired when it arrives, at most 120 s between
 * {@code nbf} and {@code exp}, and, when the exam knows the key (--trust-key), signed by it.
 */
final class Tokens {

    static final long MAX_LIFETIME_SECONDS = 120;

    private Tokens() {
    }

    /** Null when the token passes; else what is wrong with it, in words. */
    static String problem(SubscribeReading.Token t, SimConfig.TrustedKey key) {
        JsonObject claims;
        try {
            String[] parts = t.jwt().split("\\.", -1);
            claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            return "the jwt field is not a readable JWT";
        }
        if (!claims.has("exp") || !claims.has("nbf")) {
            return "the JWT has no exp or nbf claim";
        }
        long exp;
        long nbf;
        try {
            exp = claims.get("exp").getAsLong();
            nbf = claims.get("nbf").getAsLong();
        } catch (RuntimeException e) {
            return "the JWT's exp or nbf is not a number";
        }
        if (exp - nbf > MAX_LIFETIME_SECONDS) {
            return "the JWT is valid for " + (exp - nbf) + " s; Coinbase accepts at most " + MAX_LIFETIME_SECONDS
                    + " s";
        }
        long at = t.at().getEpochSecond();
        if (at >= exp) {
            return "the JWT had expired " + (at - exp) + " s before it was sent";
        }
        String rejected = key == null ? null : SocketTokens.reject(t.jwt(), key, t.at());
        return rejected == null ? null : "the JWT is not accepted with --trust-key's key: " + rejected;
    }
}
