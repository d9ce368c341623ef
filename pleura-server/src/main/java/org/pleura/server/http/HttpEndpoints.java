package org.pleura.server.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where the HTTP server listens: a plain port, a TLS port, or both.
 *
 * @param plainPort         plain HTTP port; 0 picks a free one; -1 none
 * @param tlsPort           HTTPS port; 0 picks a free one; -1 none (ignored without {@code tls})
 * @param tls               the server's TLS context (certificate and key, trusted client CAs)
 * @param needClientCert    true to refuse HTTPS clients without a certificate from a trusted CA
 * @param idleTimeout       a connection with nothing received for this long is closed
 */
public record HttpEndpoints(int plainPort, int tlsPort, Optional<SSLContext> tls, boolean needClientCert,
                            Duration idleTimeout) {

    public HttpEndpoints {
        Objects.requireNonNull(tls);
        Objects.requireNonNull(idleTimeout);
        if (plainPort < 0 && (tls.isEmpty() || tlsPort < 0)) {
            throw new IllegalArgumentException("the HTTP server needs a plain port or a TLS port");
        }
    }

    /** Plain HTTP only, on this port, 30 s idle timeout. */
    public static HttpEndpoints plain(int port) {
        return new HttpEndpoints(port, -1, Optional.empty(), false, Duration.ofSeconds(30));
    }

    /** True when an HTTPS connector is wanted. */
    public boolean tlsOn() {
        return tls.isPresent() && tlsPort >= 0;
    }
}
