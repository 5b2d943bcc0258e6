package dev.feedctl.auth;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Turns private-key text into JDK keys. Bouncy Castle parses PEM and ASN.1; the JDK's own providers sign.
 * Accepts SEC1 EC PEM (P-256), PKCS#8 PEM (EC P-256 or Ed25519) and raw base64 Ed25519 (32 or 64 bytes).
 */
final class PrivateKeys {

    private static final ASN1ObjectIdentifier P256 = X9ObjectIdentifiers.prime256v1;
    private static final Map<String, String> CURVE_NAMES = Map.of("1.3.132.0.10", "secp256k1",
            "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");

    private PrivateKeys() {
    }

    static CdpKey parse(String name, String text, List<String> warnings) throws KeyProblem {
        try {
            if (text.contains("-----BEGIN")) {
                return fromPem(name, text, warnings);
            }
            return fromRawBase64(name, text, warnings);
        } catch (GeneralSecurityException e) {
            throw new KeyProblem("the private key could not be used: " + e.getMessage());
        }
    }

    private static CdpKey fromPem(String name, String text, List<String> warnings)
            throws KeyProblem, GeneralSecurityException {
        if (text.contains("PUBLIC KEY-----") && !text.contains("PRIVATE KEY-----")) {
            throw new KeyProblem("this is a public key (BEGIN … PUBLIC KEY); feedctl needs the private key "
                    + "(BEGIN EC PRIVATE KEY) from the key file you downloaded");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyProblem("the private key PEM is malformed (" + e.getMessage() + "); check that it was "
                    + "pasted whole, BEGIN and END lines included, with real or \\n line breaks");
        }
        if (parsed instanceof PEMKeyPair pair && X9ObjectIdentifiers.id_ecPublicKey.equals(
                pair.getPrivateKeyInfo().getPrivateKeyAlgorithm().getAlgorithm())) {
            return ec(name, pair.getPrivateKeyInfo(), pair.getPublicKeyInfo(), warnings);
        }
        if (parsed instanceof PEMKeyPair pair) { // BEGIN RSA / DSA PRIVATE KEY: named below like its PKCS#8 form
            parsed = pair.getPrivateKeyInfo();
        }
        if (parsed instanceof PrivateKeyInfo info) {
            ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
                try {
                    byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                    return ed25519(name, seed, warnings);
                } catch (IOException e) {
                    throw new KeyProblem("the Ed25519 PKCS#8 key is malformed: " + e.getMessage());
                }
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
                return ec(name, info, null, warnings);
            }
            String kind = org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(alg) ? "an RSA key"
                    : org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_dsa.equals(alg) ? "a DSA key"
                    : "a key of type " + alg.getId();
            throw new KeyProblem("the private key is " + kind + "; Advanced Trade takes ECDSA P-256 (ES256) or "
                    + "Ed25519 (EdDSA) keys, as the CDP portal makes them");
        }
        if (parsed instanceof SubjectPublicKeyInfo) {
            throw new KeyProblem("this is a public key; feedctl needs the private key from the key file");
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new KeyProblem("the private key is encrypted; CDP keys are not: use the key file as downloaded");
        }
        throw new KeyProblem(parsed == null
                ? "the PEM holds no key: check the BEGIN/END lines and that the base64 body is complete"
                : "the PEM holds a " + parsed.getClass().getSimpleName() + ", not a private key");
    }

    private static CdpKey ec(String name, PrivateKeyInfo info, SubjectPublicKeyInfo pub, List<String> warnings)
            throws KeyProblem, GeneralSecurityException {
        ASN1ObjectIdentifier curve = namedCurve(info.getPrivateKeyAlgorithm().getParameters());
        if (curve == null && pub != null) {
            curve = namedCurve(pub.getAlgorithm().getParameters()); // SEC1 may leave the curve to the public part
        }
        if (!P256.equals(curve)) {
            throw new KeyProblem("wrong curve: the EC key is on " + (curve == null ? "an unnamed curve"
                    : CURVE_NAMES.getOrDefault(curve.getId(), curve.getId())) + "; CDP ECDSA keys are P-256 "
                    + "(prime256v1), signed as ES256");
        }
        KeyFactory kf = KeyFactory.getInstance("EC");
        try {
            PrivateKeyInfo named = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    curve), info.parsePrivateKey());
            PrivateKey key = kf.generatePrivate(new PKCS8EncodedKeySpec(named.getEncoded()));
            PublicKey publicKey = pub != null ? kf.generatePublic(new X509EncodedKeySpec(pub.getEncoded()))
                    : derivePublic((ECPrivateKey) key);
            return new CdpKey(name, CdpKey.Algorithm.ES256, key, publicKey, warnings);
        } catch (IOException e) {
            throw new KeyProblem("the EC key could not be encoded: " + e.getMessage());
        }
    }

    private static ASN1ObjectIdentifier namedCurve(ASN1Encodable params) {
        if (params == null) {
            return null;
        }
        X962Parameters x962 = X962Parameters.getInstance(params);
        return x962.isNamedCurve() ? ASN1ObjectIdentifier.getInstance(x962.getParameters()) : null;
    }

    private static PublicKey derivePublic(ECPrivateKey key) throws GeneralSecurityException {
        var q = CustomNamedCurves.getByName("secp256r1").getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }

    private static CdpKey fromRawBase64(String name, String text, List<String> warnings)
            throws KeyProblem, GeneralSecurityException {
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length == 0 || !text.replaceAll("\\s", "").matches("[A-Za-z0-9+/=_-]+")) {
            throw new KeyProblem("the private key is neither PEM nor valid base64: expected \"-----BEGIN EC "
                    + "PRIVATE KEY-----…\" or a base64 Ed25519 key");
        }
        if (raw.length != 32 && raw.length != 64) {
            throw new KeyProblem(raw[0] == 0x30
                    ? "the private key looks like a PEM body without its BEGIN/END lines; paste the whole PEM"
                    : "an Ed25519 raw key must decode to 32 or 64 bytes, this one has " + raw.length);
        }
        return ed25519(name, Arrays.copyOf(raw, 32), warnings);
    }

    private static CdpKey ed25519(String name, byte[] seed, List<String> warnings) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        PrivateKey key = kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        try {
            byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), pub)
                    .getEncoded();
            return new CdpKey(name, CdpKey.Algorithm.EDDSA, key, kf.generatePublic(new X509EncodedKeySpec(spki)),
                    warnings);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
