package dev.feedctl.sim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The exchange's side of CDP JWT auth (docs/protocol.md §6), written independently of feedctl's signer so the two
 * cannot share a mistake. Returns null when the token is accepted, else the reason it is not.
 */
final class JwtCheck {

    /** Tokens may be used this long before {@code nbf}, to allow for small clock differences. */
    static final long LEEWAY_SECONDS = 5;

    private JwtCheck() {
    }

    /**
     * @param expectedUri {@code "GET host/path"} for REST; null on the socket, where a {@code uri} claim is wrong
     */
    static String reject(String jwt, SimConfig.TrustedKey trusted, Instant now, String expectedUri) {
        if (trusted == null) {
            return "no API key is registered with this exchange";
        }
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "not a compact JWS";
        }
        try {
            JsonObject header = json(parts[0]);
            JsonObject claims = json(parts[1]);
            String why = checkHeader(header, trusted);
            if (why == null) {
                why = checkClaims(claims, trusted, now, expectedUri);
            }
            if (why == null && !verify(header.get("alg").getAsString(), parts, trusted.key())) {
                why = "bad signature";
            }
            return why;
        } catch (RuntimeException | GeneralSecurityException e) {
            return "unreadable token: " + e.getClass().getSimpleName();
        }
    }

    private static String checkHeader(JsonObject h, SimConfig.TrustedKey trusted) {
        String alg = str(h, "alg");
        boolean ec = trusted.key() instanceof ECPublicKey;
        if (!(ec ? "ES256" : "EdDSA").equals(alg)) {
            return "alg " + alg + " does not match the registered key";
        }
        if (!trusted.kid().equals(str(h, "kid"))) {
            return "unknown kid";
        }
        String nonce = str(h, "nonce");
        return nonce == null || nonce.isEmpty() ? "missing nonce" : null;
    }

    private static String checkClaims(JsonObject c, SimConfig.TrustedKey trusted, Instant now, String expectedUri) {
        if (!"cdp".equals(str(c, "iss"))) {
            return "iss must be cdp";
        }
        if (!trusted.kid().equals(str(c, "sub"))) {
            return "sub does not match kid";
        }
        if (!c.has("nbf") || !c.has("exp")) {
            return "missing nbf/exp";
        }
        long nbf = c.get("nbf").getAsLong();
        long exp = c.get("exp").getAsLong();
        if (exp - nbf > 120 || exp <= nbf) {
            return "validity window must be at most 120 s";
        }
        long t = now.getEpochSecond();
        if (t + LEEWAY_SECONDS < nbf) {
            return "token not yet valid";
        }
        if (t >= exp) {
            return "token expired";
        }
        String uri = str(c, "uri");
        if (expectedUri == null) {
            return uri == null ? null : "socket tokens must not carry a uri claim";
        }
        return expectedUri.equals(uri) ? null : "uri claim does not match the request";
    }

    private static boolean verify(String alg, String[] parts, PublicKey key) throws GeneralSecurityException {
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        Signature s;
        if ("ES256".equals(alg)) {
            if (sig.length != 64) {
                return false;
            }
            s = Signature.getInstance("SHA256withECDSA");
            sig = derFromJose(sig);
        } else {
            s = Signature.getInstance("Ed25519");
        }
        s.initVerify(key);
        s.update(signed);
        return s.verify(sig);
    }

    private static byte[] derFromJose(byte[] rs) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(72);
        out.write(0x30);
        out.write(4 + r.length + s.length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static JsonObject json(String part) {
        return JsonParser.parseString(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static String str(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
