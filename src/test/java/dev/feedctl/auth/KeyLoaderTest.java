package dev.feedctl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsASec1EcKeyFileAsEs256WithItsPublicKey() throws Exception {
        KeyPair kp = TestKeys.ec();
        CdpKey key = fromFile(TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.sec1Pem(kp)));
        assertEquals(CdpKey.Algorithm.ES256, key.algorithm());
        assertEquals(TestKeys.NAME, key.name());
        assertEquals(kp.getPublic(), key.publicKey());
        assertTrue(key.warnings().isEmpty(), key.warnings().toString());
        assertTrue(!key.toString().contains("BEGIN"), "toString hides key material");
    }

    @Test
    void loadsPkcs8EcAndDerivesThePublicKeyWhenItIsNotStored() throws Exception {
        KeyPair kp = TestKeys.ec();
        CdpKey key = fromFile(TestKeys.keyFile(dir, TestKeys.NAME, TestKeys.pkcs8Pem(kp)));
        assertEquals(CdpKey.Algorithm.ES256, key.algorithm());
        assertEquals(kp.getPublic(), key.publicKey());
    }

    @Test
    void loadsEd25519AsPkcs8AndAsRawBase64Of32Or64Bytes() throws Exception {
        KeyPair kp = TestKeys.ed25519();
        CdpKey pem = fromFile(TestKeys.keyFile(dir, "ed-id", TestKeys.pkcs8Pem(kp)));
        assertEquals(CdpKey.Algorithm.EDDSA, pem.algorithm());
        assertEquals(kp.getPublic(), pem.publicKey());
        String seed = TestKeys.ed25519Raw(kp);
        CdpKey raw32 = fromEnv(Map.of("COINBASE_API_KEY", "ed-id", "COINBASE_API_SECRET", seed));
        assertEquals(kp.getPublic(), raw32.publicKey());
        byte[] seedBytes = Base64.getDecoder().decode(seed);
        byte[] sixtyFour = new byte[64];
        System.arraycopy(seedBytes, 0, sixtyFour, 0, 32);
        CdpKey raw64 = fromEnv(Map.of("COINBASE_API_KEY", "ed-id", "COINBASE_API_SECRET",
                Base64.getEncoder().encodeToString(sixtyFour)));
        assertEquals(kp.getPublic(), raw64.publicKey());
    }

    @Test
    void literalBackslashNInPastedKeysIsNormalised() throws Exception {
        KeyPair kp = TestKeys.ec();
        String escaped = TestKeys.sec1Pem(kp).replace("\n", "\\n");
        CdpKey key = fromEnv(Map.of("COINBASE_API_KEY", TestKeys.NAME,
                "COINBASE_API_SECRET", escaped));
        assertEquals(kp.getPublic(), key.publicKey());
    }

    private String problem(String name, String privateKey) throws Exception {
        Path f = TestKeys.keyFile(dir, name, privateKey);
        return assertThrows(KeyProblem.class, () -> fromFile(f)).getMessage();
    }

    @Test
    void everyBadKeyGetsAPreciseOneLineMessage() throws Exception {
        String publicPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                TestKeys.ec().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String body = TestKeys.sec1Pem(TestKeys.ec()).lines().filter(l -> !l.startsWith("-----"))
                .reduce("", String::concat);
        String truncated = TestKeys.sec1Pem(TestKeys.ec()).substring(0, 100) + "\n-----END EC PRIVATE KEY-----\n";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put(problem(TestKeys.NAME, "not a key at all!"), "neither PEM nor valid base64");
        expected.put(problem(TestKeys.NAME, TestKeys.sec1Pem(TestKeys.ecOn("secp384r1"))),
                "wrong curve: the EC key is on P-384");
        expected.put(problem(TestKeys.NAME, publicPem), "this is a public key");
        expected.put(problem(TestKeys.NAME, Base64.getEncoder().encodeToString(new byte[40])),
                "must decode to 32 or 64 bytes, this one has 40");
        expected.put(problem(TestKeys.NAME, body), "PEM body without its BEGIN/END lines");
        expected.put(problem(publicPem, TestKeys.sec1Pem(TestKeys.ec())), "the key name holds a PEM key");
        expected.put(problem(TestKeys.NAME, truncated), "malformed");
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair rsaPair = rsa.generateKeyPair();
        expected.put(problem(TestKeys.NAME, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                rsaPair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n"), "the private key is an RSA key");
        expected.put(problem(TestKeys.NAME, rsaTraditional(rsaPair)), "the private key is an RSA key");
        expected.forEach((message, words) -> {
            assertTrue(message.contains(words), message + " should say " + words);
            assertTrue(!message.contains("\n"), "one line: " + message);
        });
    }

    /** {@code BEGIN RSA PRIVATE KEY}: the PKCS#1 form openssl writes with -traditional. */
    private static String rsaTraditional(KeyPair kp) throws Exception {
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(kp.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    @Test
    void aPrivateKeyThatIsNotAStringIsNamedAsSuch() throws Exception {
        Path f = dir.resolve("k42.json");
        Files.writeString(f, "{\"name\":\"" + TestKeys.NAME + "\",\"privateKey\":42}");
        String m = assertThrows(KeyProblem.class, () -> fromFile(f)).getMessage();
        assertTrue(m.contains("\"privateKey\" must be a string") && m.contains("not a number"), m);
    }

    @Test
    void legacyExchangeKeysAreNamedAsUnsupported() throws Exception {
        Path f = dir.resolve("exchange.json");
        Files.writeString(f, "{\"key\":\"b2f0\",\"secret\":\"c2VjcmV0\",\"passphrase\":\"p\"}");
        String m = assertThrows(KeyProblem.class, () -> fromFile(f)).getMessage();
        assertTrue(m.contains("legacy Exchange/Pro API key") && m.contains("CDP API key"), m);
    }

    @Test
    void notJsonAndMissingFieldsAreExplained() throws Exception {
        Path f = dir.resolve("k.json");
        Files.writeString(f, "name: x");
        assertTrue(assertThrows(KeyProblem.class, () -> fromFile(f)).getMessage().contains("not JSON"));
        Files.writeString(f, "{\"name\":\"" + TestKeys.NAME + "\"}");
        assertTrue(assertThrows(KeyProblem.class, () -> fromFile(f)).getMessage().contains("privateKey"));
        String missing = assertThrows(KeyProblem.class, () -> fromFile(dir.resolve("missing.json"))).getMessage();
        assertTrue(missing.endsWith("missing.json does not exist"), missing);
        assertTrue(assertThrows(KeyProblem.class, () -> fromEnv(Map.of("COINBASE_API_KEY", "x")))
                .getMessage().contains("COINBASE_API_SECRET is not set"));
    }

    @Test
    void oddKeyNamesAndOpenPermissionsAreWarnings() throws Exception {
        Path f = TestKeys.keyFile(dir, "my-key", TestKeys.sec1Pem(TestKeys.ec()));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        CdpKey key = fromFile(f);
        assertTrue(key.warnings().stream().anyMatch(w -> w.contains("not of the form organizations/{org}/apiKeys")));
        assertTrue(key.warnings().stream().anyMatch(w -> w.contains("readable by other users; chmod 600")));
    }

    private static CdpKey fromFile(Path f) throws KeyProblem {
        return KeyLoader.fromFile(f, new Redactor());
    }

    private static CdpKey fromEnv(Map<String, String> env) throws KeyProblem {
        return KeyLoader.fromEnvironment(env, new Redactor());
    }
}
