package dev.feedctl.auth;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/** ECDSA signatures in JOSE form: the JDK signs ASN.1 DER, JWS wants r‖s of fixed width (RFC 7518 §3.4). */
final class Jose {

    private Jose() {
    }

    static byte[] fromDer(byte[] der, int width) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        byte[] out = new byte[2 * width];
        put(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), out, 0, width);
        put(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), out, width, width);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int offset, int width) {
        byte[] b = v.toByteArray();
        int skip = b.length > width ? b.length - width : 0;
        System.arraycopy(b, skip, out, offset + width - (b.length - skip), b.length - skip);
    }
}
