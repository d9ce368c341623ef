package org.pleura.server.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.pleura.server.config.SecurityConfig;

/**
 * The TLS contexts of one server, built once at start from PEM files:
 *
 * @param server         HTTPS and the DICOM TLS listener: the server's certificate and key; trusts the client CAs
 *                       when client certificates are required
 * @param client         outgoing DICOM routes ({@code ?tls}): presents the same certificate (for PACS requiring mutual
 *                       TLS) and trusts the {@code --tls-trust} CAs, or the JDK's when none are given
 * @param needClientCert true when clients must present a certificate from {@code --tls-client-ca}
 * @param subject        the server certificate's subject, for the start-up log
 */
public record TlsContexts(SSLContext server, SSLContext client, boolean needClientCert, String subject) {

    private static final char[] IN_MEMORY = "pleura".toCharArray();

    /**
     * Reads the files and builds the contexts.
     *
     * @throws TlsSetupException naming the file that cannot be used
     */
    public static TlsContexts load(SecurityConfig.TlsFiles files) {
        List<X509Certificate> chain = PemFiles.certificates(files.certificate());
        PrivateKey key = PemFiles.privateKey(files.key());
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("pleura", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, IN_MEMORY);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), files.clientCa().map(TlsContexts::trusting).orElse(null), null);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(kmf.getKeyManagers(), files.trust().map(TlsContexts::trusting).orElse(null), null);
            return new TlsContexts(server, client, files.clientCa().isPresent(),
                    chain.get(0).getSubjectX500Principal().getName());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException("the key in " + files.key() + " does not go with the certificate in "
                    + files.certificate() + ", or cannot be used: " + e.getMessage(), e);
        }
    }

    /** Trust managers accepting certificates issued by the CAs of a PEM file. */
    static TrustManager[] trusting(Path caFile) {
        List<X509Certificate> cas = PemFiles.certificates(caFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException(caFile + ": cannot use these CA certificates: " + e.getMessage(), e);
        }
    }

    /** A client context presenting no certificate and trusting only the CAs of a PEM file. */
    public static SSLContext trustOnly(Path caFile) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, trusting(caFile), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(caFile + ": " + e.getMessage(), e);
        }
    }

    /** Empty when TLS is off. */
    public static Optional<TlsContexts> of(SecurityConfig security) {
        return security.tls().map(TlsContexts::load);
    }
}
