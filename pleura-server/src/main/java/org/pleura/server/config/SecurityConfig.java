package org.pleura.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code pleura serve} that defend it on a hospital network: how it names itself, how much one
 * client may take, and TLS.
 *
 * @param publicUrl                 the base URL clients use ({@code https://pleura.hospital.example}); DICOMweb
 *                                  retrieve URLs start with it. Empty: the address and port the request arrived on
 *                                  (never the request's {@code Host} header, which a DNS-rebinding page controls)
 * @param maxUploadsPerClient       HTTP uploads at once from one client address (more get 429)
 * @param minUploadBytesPerSecond   an upload slower than this (after its first seconds) is cut with 408
 * @param httpIdleTimeout           an HTTP connection with nothing received for this long is closed
 * @param maxAssociationsPerCaller  DICOM associations at once for one calling AE title
 * @param maxAssociationsPerAddress DICOM connections at once from one address (negotiated or not)
 * @param associationRequestTimeout how long a new DICOM connection may take to send its A-ASSOCIATE-RQ
 * @param tls                       certificate and key (PEM) turning on HTTPS and DICOM TLS, if given
 * @param httpsPort                 HTTPS port when TLS is on (0 picks a free port; -1 off)
 * @param dicomTlsPort              DICOM TLS port when TLS is on (0 picks a free port; -1 off)
 * @param trustedAddresses          the hospital's modalities and PACS (IP addresses or host names): exempt from the
 *                                  per-peer DICOM limits, with slots kept for them when every other slot is taken
 */
public record SecurityConfig(Optional<URI> publicUrl, int maxUploadsPerClient, long minUploadBytesPerSecond,
                             Duration httpIdleTimeout, int maxAssociationsPerCaller, int maxAssociationsPerAddress,
                             Duration associationRequestTimeout, Optional<TlsFiles> tls, int httpsPort,
                             int dicomTlsPort, java.util.List<String> trustedAddresses) {

    /** Default HTTPS port. */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** Default DICOM TLS port: 2762, the IANA port for DICOM over TLS. */
    public static final int DEFAULT_DICOM_TLS_PORT = 2762;

    /**
     * Certificate, key and optional client CA, all PEM.
     *
     * @param certificate the server's certificate chain (PEM, leaf first)
     * @param key         its private key (PEM, PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1 RSA / SEC1 EC)
     * @param clientCa    when given, clients (HTTPS and DICOM TLS) must present a certificate signed by one of these
     * @param trust       CA certificates (PEM) trusted for outgoing TLS routes; empty: the JDK's CAs
     */
    public record TlsFiles(Path certificate, Path key, Optional<Path> clientCa, Optional<Path> trust) {
        public TlsFiles {
            Objects.requireNonNull(certificate, "tls-cert");
            Objects.requireNonNull(key, "tls-key");
            Objects.requireNonNull(clientCa);
            Objects.requireNonNull(trust);
        }

        /** Certificate and key, no client certificates, the JDK's CAs for outgoing routes. */
        public TlsFiles(Path certificate, Path key) {
            this(certificate, key, Optional.empty(), Optional.empty());
        }
    }

    public SecurityConfig {
        Objects.requireNonNull(publicUrl);
        publicUrl.ifPresent(SecurityConfig::checkPublicUrl);
        positive("max-uploads-per-client", maxUploadsPerClient);
        if (minUploadBytesPerSecond < 0) {
            throw new ConfigException("min-upload-rate must not be negative");
        }
        positiveDuration("http-idle-timeout", httpIdleTimeout);
        positive("max-associations-per-caller", maxAssociationsPerCaller);
        positive("max-associations-per-address", maxAssociationsPerAddress);
        positiveDuration("association-request-timeout", associationRequestTimeout);
        Objects.requireNonNull(tls);
        trustedAddresses = java.util.List.copyOf(trustedAddresses);
        if (httpsPort < -1 || httpsPort > 65535 || dicomTlsPort < -1 || dicomTlsPort > 65535) {
            throw new ConfigException("https-port and dicom-tls-port must be 0-65535, or off");
        }
    }

    /**
     * The defaults: no public URL, two uploads per client, at least 1 KiB/s per upload, 30 s idle, 4 associations
     * per calling AE title and per address, 3 s to associate, no TLS (ports 8443 and 2762 once it is on).
     */
    public static SecurityConfig defaults() {
        return new SecurityConfig(Optional.empty(), 2, 1024, Duration.ofSeconds(30), 4, 4, Duration.ofSeconds(3),
                Optional.empty(), DEFAULT_HTTPS_PORT, DEFAULT_DICOM_TLS_PORT, java.util.List.of());
    }

    /** A copy with this public URL. */
    public SecurityConfig withPublicUrl(URI url) {
        return new SecurityConfig(Optional.ofNullable(url), maxUploadsPerClient, minUploadBytesPerSecond,
                httpIdleTimeout, maxAssociationsPerCaller, maxAssociationsPerAddress, associationRequestTimeout, tls,
                httpsPort, dicomTlsPort, trustedAddresses);
    }

    /** A copy with other per-client HTTP limits. */
    public SecurityConfig withUploadLimits(int perClient, long minBytesPerSecond, Duration idle) {
        return new SecurityConfig(publicUrl, perClient, minBytesPerSecond, idle, maxAssociationsPerCaller,
                maxAssociationsPerAddress, associationRequestTimeout, tls, httpsPort, dicomTlsPort, trustedAddresses);
    }

    /** A copy with other per-peer DICOM limits. */
    public SecurityConfig withAssociationLimits(int perCaller, int perAddress, Duration requestTimeout) {
        return new SecurityConfig(publicUrl, maxUploadsPerClient, minUploadBytesPerSecond, httpIdleTimeout, perCaller,
                perAddress, requestTimeout, tls, httpsPort, dicomTlsPort, trustedAddresses);
    }

    /** A copy with TLS on these ports (0 picks free ports, -1 leaves one off). */
    public SecurityConfig withTls(TlsFiles files, int https, int dicomTls) {
        return new SecurityConfig(publicUrl, maxUploadsPerClient, minUploadBytesPerSecond, httpIdleTimeout,
                maxAssociationsPerCaller, maxAssociationsPerAddress, associationRequestTimeout, Optional.of(files),
                https, dicomTls, trustedAddresses);
    }

    /** A copy trusting these DICOM peers' addresses. */
    public SecurityConfig withTrustedAddresses(java.util.List<String> addresses) {
        return new SecurityConfig(publicUrl, maxUploadsPerClient, minUploadBytesPerSecond, httpIdleTimeout,
                maxAssociationsPerCaller, maxAssociationsPerAddress, associationRequestTimeout, tls, httpsPort,
                dicomTlsPort, addresses);
    }

    /** True when TLS is configured. */
    public boolean tlsOn() {
        return tls.isPresent();
    }

    private static void checkPublicUrl(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new ConfigException("public-url must be http(s)://HOST[:PORT][/PATH], got '" + u + "'");
        }
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new ConfigException(name + " must be at least 1, got " + v);
        }
    }

    private static void positiveDuration(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(name + " must be positive");
        }
    }
}
