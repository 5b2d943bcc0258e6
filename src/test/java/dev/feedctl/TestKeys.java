package dev.feedctl;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Throw-away keys and CDP key files for tests. Key material here is generated per run, never real. */
public final class TestKeys {

    public static final String NAME = "organizations/0d6f3e6a-test-org/apiKeys/5b7c9e1f-test-key";

    private TestKeys() {
    }

    public static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static KeyPair ecOn(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    public static KeyPair ed25519() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** SEC1 "EC PRIVATE KEY" PEM with curve and public key, as the CDP portal (and openssl) write it. */
    public static String sec1Pem(KeyPair kp) throws IOException {
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo pki = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
                kp.getPrivate().getEncoded());
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                .getInstance(kp.getPublic().getEncoded());
        java.math.BigInteger d = ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS();
        int bits = ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getParams().getOrder().bitLength();
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, d, spki.getPublicKeyData(),
                pki.getPrivateKeyAlgorithm().getParameters());
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return sw.toString();
    }

    public static String pkcs8Pem(KeyPair kp) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
        }
        return sw.toString();
    }

    /** The raw 32-byte Ed25519 seed, base64, the way the CDP portal shows Ed25519 keys (seed only here). */
    public static String ed25519Raw(KeyPair kp) {
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    public static Path keyFile(Path dir, String name, String privateKey) throws IOException {
        Path f = dir.resolve("cdp_api_key.json");
        String json = "{\"name\":" + new com.google.gson.Gson().toJson(name) + ",\"privateKey\":"
                + new com.google.gson.Gson().toJson(privateKey) + "}";
        Files.writeString(f, json);
        try {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
        return f;
    }
}
