package dev.feedctl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.TestKeys;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void jwtsKeepHeaderAndClaimsButLoseTheirSignature() throws Exception {
        var kp = TestKeys.ec();
        String jwt = new JwtSigner(new CdpKey("k", CdpKey.Algorithm.ES256, kp.getPrivate(), kp.getPublic(),
                List.of()), Clock.systemUTC()).forSocket();
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        String scrubbed = new Redactor().scrub("{\"jwt\":\"" + jwt + "\"}");
        assertFalse(scrubbed.contains(signature));
        assertTrue(scrubbed.contains(jwt.substring(0, jwt.lastIndexOf('.')) + ".…"));
        assertTrue(Redactor.describeJwt(jwt).contains("\"iss\":\"cdp\""));
        assertTrue(Redactor.describeJwt(jwt).endsWith(".…"));
    }

    @Test
    void pemKeysAndRegisteredSecretsDisappear() throws Exception {
        String pem = TestKeys.sec1Pem(TestKeys.ec());
        assertEquals("key: [private key redacted] end", Redactor.withoutPatterns("key: " + pem.strip() + " end"));
        Redactor redactor = new Redactor();
        redactor.register("canary-secret-0123456789");
        assertEquals("x [secret redacted] y", redactor.scrub("x canary-secret-0123456789 y"));
        assertEquals("x canary-secret-0123456789 y", new Redactor().scrub("x canary-secret-0123456789 y"),
                "each run's redactor holds only that run's secrets");
    }

    @Test
    void aSignatureThisRunMadeIsRedactedEvenAlone() {
        Redactor r = new Redactor();
        String sig = "MEUCIQDxq3xYbKc0Zr9T7Jk2pW_ud8Rw1Fh4EoLmNvBsYtAiAf-5zQ2Gh8VbPo3nXkWy6LdR1Jc0TqSeMuZaIb";
        assertEquals("error: bad " + sig, r.scrub("error: bad " + sig), "not registered: left as it is");
        r.registerRecent(sig);
        assertEquals("error: bad [secret redacted]", r.scrub("error: bad " + sig));
        assertEquals("{\"price\":\"1.5\"}", r.scrub("{\"price\":\"1.5\"}"));
    }
}
