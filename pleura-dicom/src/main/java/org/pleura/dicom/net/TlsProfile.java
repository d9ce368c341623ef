package org.pleura.dicom.net;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The TLS profile of DICOM PS3.15 Annex B "BCP 195" (RFC 9325): TLS 1.2 and 1.3 only, and cipher suites with forward
 * secrecy and authenticated encryption (GCM, ChaCha20-Poly1305); everything else the JDK supports is switched off.
 */
public final class TlsProfile {

    /** Protocols, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Cipher suites, preferred first. */
    public static final List<String> CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    private TlsProfile() {
    }

    /** The profile's protocols among those supported. */
    public static String[] protocols(String[] supported) {
        Set<String> s = Set.of(supported);
        return PROTOCOLS.stream().filter(s::contains).toArray(String[]::new);
    }

    /** The profile's cipher suites among those supported. */
    public static String[] cipherSuites(String[] supported) {
        Set<String> s = Set.copyOf(Arrays.asList(supported));
        return CIPHER_SUITES.stream().filter(s::contains).toArray(String[]::new);
    }
}
