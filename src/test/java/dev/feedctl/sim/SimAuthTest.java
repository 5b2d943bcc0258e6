package dev.feedctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.feedctl.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator checks JWTs the way docs/protocol.md §6 says; tokens here are made by nimbus or by hand, not feedctl. */
@Timeout(30)
class SimAuthTest {

    private static String es256(KeyPair kp, String kid, String sub, Instant nbf, long lifetime, String uri)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("cdp").subject(sub)
                .notBeforeTime(Date.from(nbf)).expirationTime(Date.from(nbf.plusSeconds(lifetime)));
        if (uri != null) {
            claims.claim("uri", uri);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT)
                .customParam("nonce", "a1b2c3d4e5f6").build(), claims.build());
        jwt.sign(new ECDSASigner((ECPrivateKey) kp.getPrivate()));
        return jwt.serialize();
    }

    private static String eddsa(KeyPair kp, String kid, Instant nbf) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"nonce\":\"99\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + kid + "\",\"iss\":\"cdp\",\"nbf\":" + nbf.getEpochSecond()
                + ",\"exp\":" + (nbf.getEpochSecond() + 120) + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(kp.getPrivate());
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(s.sign());
    }

    private static JsonObject subscribeUser(ExchangeSimulator sim, String jwt) throws Exception {
        try (PlainClient c = PlainClient.open(sim.wsUri())) {
            c.send(PlainClient.subscribeMessage("user", jwt));
            return c.await(o -> o.has("type") || PlainClient.channel("user").test(o), Duration.ofSeconds(3));
        }
    }

    @Test
    void acceptsValidEs256AndEdDsaTokensForPrivateChannels() throws Exception {
        KeyPair ec = TestKeys.ec();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, ec.getPublic())))) {
            JsonObject r = subscribeUser(sim, es256(ec, TestKeys.NAME, TestKeys.NAME, Instant.now(), 120, null));
            assertEquals("user", r.get("channel").getAsString(), r.toString());
        }
        KeyPair ed = TestKeys.ed25519();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey("ed-key", ed.getPublic())))) {
            JsonObject r = subscribeUser(sim, eddsa(ed, "ed-key", Instant.now()));
            assertEquals("user", r.get("channel").getAsString(), r.toString());
        }
    }

    @Test
    void rejectsBadTokensWithAuthenticationFailureAndRecordsWhy() throws Exception {
        KeyPair ec = TestKeys.ec();
        KeyPair other = TestKeys.ec();
        Instant now = Instant.now();
        Map<String, String> cases = Map.of(
                es256(ec, TestKeys.NAME, TestKeys.NAME, now.minusSeconds(300), 120, null), "token expired",
                es256(ec, TestKeys.NAME, TestKeys.NAME, now, 600, null), "validity window must be at most 120 s",
                es256(ec, TestKeys.NAME, TestKeys.NAME, now, 120, "GET api.coinbase.com/x"),
                "socket tokens must not carry a uri claim",
                es256(other, TestKeys.NAME, TestKeys.NAME, now, 120, null), "bad signature",
                es256(ec, "someone-else", "someone-else", now, 120, null), "unknown kid",
                es256(ec, TestKeys.NAME, "another-sub", now, 120, null), "sub does not match kid");
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, ec.getPublic())))) {
            for (Map.Entry<String, String> c : cases.entrySet()) {
                JsonObject r = subscribeUser(sim, c.getKey());
                assertNotNull(r);
                assertEquals("authentication failure", r.get("message").getAsString(), c.getValue());
                assertEquals(c.getValue(), sim.authRejections().get(sim.authRejections().size() - 1));
            }
        }
    }

    @Test
    void aBadTokenBreaksEvenAPublicSubscription() throws Exception {
        KeyPair ec = TestKeys.ec();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, ec.getPublic())));
             PlainClient c = PlainClient.open(sim.wsUri())) {
            c.send(PlainClient.subscribeMessage("ticker", es256(TestKeys.ec(), TestKeys.NAME, TestKeys.NAME,
                    Instant.now(), 120, null), "BTC-USD"));
            JsonObject r = c.await(o -> o.has("type"), Duration.ofSeconds(3));
            assertEquals("authentication failure", r.get("message").getAsString());
        }
    }

    @Test
    void clockSkewMakesFreshTokensLookExpiredToTheExchange() throws Exception {
        KeyPair ec = TestKeys.ec();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimConfig.defaults()
                .withFaults(Scenario.CLOCK_SKEW.faults())
                .withTrustedKey(new SimConfig.TrustedKey(TestKeys.NAME, ec.getPublic())))) {
            JsonObject r = subscribeUser(sim, es256(ec, TestKeys.NAME, TestKeys.NAME, Instant.now(), 120, null));
            assertEquals("authentication failure", r.get("message").getAsString());
            assertTrue(sim.authRejections().contains("token expired"), sim.authRejections().toString());
        }
    }
}
