package org.pleura.dicom.net;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link DicomClient} connects: its own AE title, limits and timeouts.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder().callingAeTitle("PLEURA").responseTimeout(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * @param callingAeTitle      this node's AE title, sent as calling AE title
 * @param maxPduLength        the maximum P-DATA-TF length announced to the peer, and the largest one sent
 * @param connectTimeout      TCP connection time limit
 * @param associationTimeout  ARTIM: time for the peer to answer the A-ASSOCIATE-RQ and the A-RELEASE-RQ
 * @param responseTimeout     time for the peer to answer a DIMSE request (it may be storing to disk)
 * @param pduReadTimeout      once a PDU has started, how long it may take to arrive entirely
 * @param writeTimeout        how long the peer may take to read what is sent
 * @param tls                 the TLS context for peers written {@code AET@host:port?tls} (its key managers give the
 *                            certificate presented, its trust managers the CAs trusted); empty: such peers fail
 */
public record ClientConfig(String callingAeTitle, int maxPduLength, Duration connectTimeout,
                           Duration associationTimeout, Duration responseTimeout, Duration pduReadTimeout,
                           Duration writeTimeout, java.util.Optional<javax.net.ssl.SSLContext> tls) {

    public ClientConfig {
        java.util.Objects.requireNonNull(tls);
        callingAeTitle = AeTitles.requireValid(callingAeTitle);
        if (maxPduLength < 4096 || maxPduLength > (64 << 20)) {
            throw new IllegalArgumentException("maxPduLength must be 4096 to 64 MiB: " + maxPduLength);
        }
        for (Duration d : List.of(connectTimeout, associationTimeout, responseTimeout, pduReadTimeout, writeTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** The defaults, calling as "PLEURA". */
    public static ClientConfig defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings for a {@link ClientConfig}. Not thread-safe. */
    public static final class Builder {
        private String callingAeTitle = "PLEURA";
        private int maxPduLength = 256 * 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration associationTimeout = Duration.ofSeconds(30);
        private javax.net.ssl.SSLContext tls;
        private Duration responseTimeout = Duration.ofSeconds(120);
        private Duration pduReadTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** This node's AE title (default "PLEURA"). */
        public Builder callingAeTitle(String aeTitle) {
            this.callingAeTitle = aeTitle;
            return this;
        }

        /** Maximum PDU length (default 256 KiB). */
        public Builder maxPduLength(int bytes) {
            this.maxPduLength = bytes;
            return this;
        }

        /** TCP connect time limit (default 10 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Time for association and release answers (default 30 s). */
        public Builder associationTimeout(Duration d) {
            this.associationTimeout = d;
            return this;
        }

        /** Time for a DIMSE response (default 120 s). */
        public Builder responseTimeout(Duration d) {
            this.responseTimeout = d;
            return this;
        }

        /** Time for one started PDU to arrive entirely (default 30 s). */
        public Builder pduReadTimeout(Duration d) {
            this.pduReadTimeout = d;
            return this;
        }

        /** Time for the peer to read what is sent (default 60 s). */
        public Builder writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** The configuration. @throws IllegalArgumentException naming the first invalid setting */
        public ClientConfig build() {
            return new ClientConfig(callingAeTitle, maxPduLength, connectTimeout, associationTimeout, responseTimeout,
                    pduReadTimeout, writeTimeout, java.util.Optional.ofNullable(tls));
        }

        /** The TLS context for peers written {@code AET@host:port?tls}. */
        public Builder tls(javax.net.ssl.SSLContext context) {
            this.tls = context;
            return this;
        }
    }
}
