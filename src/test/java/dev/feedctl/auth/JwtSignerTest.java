package dev.feedctl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.feedctl.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** feedctl's tokens, checked by an independent JOSE implementation (nimbus) rather than by feedctl's own code. */
class JwtSignerTest {

    private static final Instant NOW = Instant.parse("2026-04-07T14:30:00Z");

    private static CdpKey key(KeyPair kp, CdpKey.Algorithm alg) {
        return new CdpKey(TestKeys.NAME, alg, kp.getPrivate(), kp.getPublic(), List.of());
    }

    @Test
    void es256SocketTokensVerifyWithNimbusAndCarryTheCdpClaims() throws Exception {
        KeyPair kp = TestKeys.ec();
        JwtSigner signer = new JwtSigner(key(kp, CdpKey.Algorithm.ES256), Clock.fixed(NOW, ZoneOffset.UTC));
        SignedJWT jwt = SignedJWT.parse(signer.forSocket());
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) kp.getPublic())), "signature (JOSE r||s form)");
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(TestKeys.NAME, jwt.getHeader().getKeyID());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        assertFalse(((String) jwt.getHeader().getCustomParam("nonce")).isEmpty());
        var claims = jwt.getJWTClaimsSet();
        assertEquals("cdp", claims.getIssuer());
        assertEquals(TestKeys.NAME, claims.getSubject());
        assertEquals(NOW, claims.getNotBeforeTime().toInstant());
        assertEquals(NOW.plusSeconds(120), claims.getExpirationTime().toInstant());
        assertNull(claims.getClaim("uri"), "socket tokens carry no uri");
    }

    @Test
    void restTokensCarryMethodHostAndPath() throws Exception {
        JwtSigner signer = new JwtSigner(key(TestKeys.ec(), CdpKey.Algorithm.ES256), Clock.systemUTC());
        SignedJWT jwt = SignedJWT.parse(signer.forRest("GET", "api.coinbase.com/api/v3/brokerage/best_bid_ask"));
        assertEquals("GET api.coinbase.com/api/v3/brokerage/best_bid_ask", jwt.getJWTClaimsSet().getClaim("uri"));
    }

    @Test
    void everyTokenIsFreshWithItsOwnNonce() throws Exception {
        JwtSigner signer = new JwtSigner(key(TestKeys.ec(), CdpKey.Algorithm.ES256), Clock.fixed(NOW,
                ZoneOffset.UTC));
        SignedJWT a = SignedJWT.parse(signer.forSocket());
        SignedJWT b = SignedJWT.parse(signer.forSocket());
        assertNotEquals(a.getHeader().getCustomParam("nonce"), b.getHeader().getCustomParam("nonce"));
    }

    @Test
    void eddsaTokensVerifyWithTheJdkVerifier() throws Exception {
        KeyPair kp = TestKeys.ed25519();
        String token = new JwtSigner(key(kp, CdpKey.Algorithm.EDDSA), Clock.systemUTC()).forSocket();
        String[] parts = token.split("\\.");
        assertTrue(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .contains("\"alg\":\"EdDSA\""));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(kp.getPublic());
        v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(v.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
}
