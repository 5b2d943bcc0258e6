package dev.feedctl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust: the system's anchors, plus the certificates of {@code --ca-file}. Verification is never off. */
public final class Trust {

    /** A CA bundle is a few hundred KiB at most. */
    static final long MAX_CA_FILE = 4L * 1024 * 1024;

    private Trust() {
    }

    /**
     * What is wrong with a {@code --ca-file}, in words, or null when it holds at least one PEM certificate. Checked
     * before connecting, so a bad file is a usage error naming the file, never a "TLS handshake failed".
     */
    public static String problemWith(Path caFile) {
        if (!Files.exists(caFile)) {
            return "--ca-file " + caFile + " does not exist";
        }
        if (!Files.isRegularFile(caFile)) {
            return "--ca-file " + caFile + " is not a regular file (a directory, device or pipe)";
        }
        try {
            if (Files.size(caFile) > MAX_CA_FILE) {
                return "--ca-file " + caFile + " is " + Files.size(caFile) + " bytes: not a certificate file";
            }
            keyStoreOf(caFile);
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "--ca-file " + caFile + " holds no usable PEM certificate (-----BEGIN CERTIFICATE-----): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    static SSLContext context(Path caFile) throws IOException, GeneralSecurityException {
        X509TrustManager system = manager(null);
        X509TrustManager extra = caFile == null ? null : manager(keyStoreOf(caFile));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {extra == null ? system : new Either(system, extra)}, null);
        return ctx;
    }

    private static KeyStore keyStoreOf(Path pem) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new CertificateException(pem + " holds no PEM certificate");
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-file-" + i++, c);
        }
        return ks;
    }

    private static X509TrustManager manager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }

    /** Trusts a server chain that either manager trusts. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
