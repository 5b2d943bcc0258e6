package dev.feedctl.auth;

import dev.feedctl.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs CDP JWTs (docs/protocol.md §6): a fresh token, with a fresh nonce, for every subscribe message and every REST
 * request; {@code exp = nbf + 120}; socket tokens carry no {@code uri}, REST tokens carry "METHOD host/path".
 */
public final class JwtSigner {

    public static final long LIFETIME_SECONDS = 120;    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final CdpKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JwtSigner(CdpKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public CdpKey key() {
        return key;
    }

    /** A token for a socket subscribe message. */
    public String forSocket() {
        return sign(null);
    }

    /** A token for one REST request; {@code hostAndPath} is e.g. {@code api.coinbase.com/api/v3/brokerage/time}. */
    public String forRest(String method, String hostAndPath) {
        return sign(method + " " + hostAndPath);
    }

    private String sign(String uri) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().jwtName());
        header.put("kid", key.name());
        header.put("nonce", HexFormat.of().formatHex(nonce));
        header.put("typ", "JWT");
        long nbf = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", key.name());
        claims.put("iss", "cdp");
        claims.put("nbf", nbf);
        claims.put("exp", nbf + LIFETIME_SECONDS);
        if (uri != null) {
            claims.put("uri", uri);
        }
        String signingInput = encode(header) + "." + encode(claims);
        String sig = B64.encodeToString(signature(signingInput));
        key.signed().accept(sig); // the signature alone is a secret too: redacted wherever it shows up
        return signingInput + "." + sig;
    }

    private static String encode(Map<String, Object> json) {
        return B64.encodeToString(Json.COMPACT.toJson(json).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] signature(String input) {
        try {
            boolean ec = key.algorithm() == CdpKey.Algorithm.ES256;
            Signature s = Signature.getInstance(ec ? "SHA256withECDSA" : "Ed25519");
            s.initSign(key.privateKey(), random);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            return ec ? Jose.fromDer(sig, 32) : sig;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }
}
