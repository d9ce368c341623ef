package org.pleura.dicom.net;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pleura.dicom.TransferSyntax;

/**
 * How a {@link DicomServer} listens and what it accepts. Build with {@link #builder()}; every setting has a
 * sensible default.
 *
 * <pre>{@code
 * DicomServerConfig config = DicomServerConfig.builder()
 *         .aeTitle("PLEURA").port(11112)
 *         .allowCallingAeTitles(List.of("MODALITY1", "PACS"))   // default: any calling AE title
 *         .maxAssociations(16)
 *         .tempDirectory(dataDir.resolve("tmp"))               // same file system as the store: moves, no copies
 *         .build();
 * }</pre>
 *
 * @param aeTitle                   this node's AE title; associations calling another title are rejected
 * @param bindAddress               the local address to listen on; empty for every interface
 * @param port                      TCP port (0 picks a free one, see {@link DicomServer#port()})
 * @param allowedCallingAeTitles    calling AE titles accepted; empty accepts any
 * @param maxAssociations           associations served at once; more are rejected (transient, local limit exceeded)
 * @param sopClasses                abstract syntaxes accepted (SOP class UIDs)
 * @param transferSyntaxes          transfer syntaxes accepted; for each context the first of the proposer's list
 *                                  that is in this set is chosen
 * @param maxPduLength              the maximum P-DATA-TF PDU length announced to peers (bytes)
 * @param maxObjectSize             the largest data set accepted; a larger one is read, discarded and answered
 *                                  0xA700
 * @param memoryThreshold           data sets up to this size stay in memory, larger ones go to a temporary file
 * @param tempDirectory             where large data sets are spooled
 * @param associationRequestTimeout ARTIM: how long a new connection may take to send its A-ASSOCIATE-RQ
 * @param releaseTimeout            ARTIM: how long to wait for the peer to close after a release, reject or abort
 * @param idleTimeout               an established association with no message for this long is aborted
 * @param pduReadTimeout            once a PDU has started, how long it may take to arrive entirely
 * @param writeTimeout              how long a peer may take to read what is sent
 * @param shutdownGrace             on {@link DicomServer#close()}, how long associations in the middle of a message
 *                                  may take to finish
 * @param maxAssociationsPerCaller  associations at once for one calling AE title; more are rejected (transient,
 *                                  local limit exceeded), so one peer cannot take every slot
 * @param maxAssociationsPerAddress connections at once from one address, negotiated or not; more are rejected
 * @param tls                       when present, the listener speaks TLS (DICOM PS3.15 Annex B, BCP 195: TLS 1.2 and
 *                                  1.3, forward-secret AEAD ciphers only) with this context
 * @param tlsNeedClientAuth         with TLS, refuse peers without a certificate the context trusts
 * @param trustedAddresses          the hospital's own modalities and PACS: connections from them are never counted
 *                                  against the per-address and per-caller limits, and may use
 *                                  {@link #reservedAssociations()} slots kept for them when every other slot is taken
 */
public record DicomServerConfig(String aeTitle, Optional<InetAddress> bindAddress, int port,
                           Set<String> allowedCallingAeTitles, int maxAssociations, List<String> sopClasses,
                           List<TransferSyntax> transferSyntaxes, int maxPduLength, long maxObjectSize,
                           long memoryThreshold, Path tempDirectory, Duration associationRequestTimeout,
                           Duration releaseTimeout, Duration idleTimeout, Duration pduReadTimeout,
                           Duration writeTimeout, Duration shutdownGrace, int maxAssociationsPerCaller,
                           int maxAssociationsPerAddress, Optional<javax.net.ssl.SSLContext> tls,
                           boolean tlsNeedClientAuth, Set<InetAddress> trustedAddresses) {

    /** Default port: 11112, the IANA port for DICOM without TLS. */
    public static final int DEFAULT_PORT = 11112;

    public DicomServerConfig {
        aeTitle = AeTitles.requireValid(aeTitle);
        Objects.requireNonNull(bindAddress);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String a : allowedCallingAeTitles) {
            allowed.add(AeTitles.requireValid(a));
        }
        allowedCallingAeTitles = Set.copyOf(allowed);
        if (maxAssociations < 1 || maxAssociationsPerCaller < 1 || maxAssociationsPerAddress < 1) {
            throw new IllegalArgumentException("association limits must be at least 1: " + maxAssociations + ", "
                    + maxAssociationsPerCaller + " per caller, " + maxAssociationsPerAddress + " per address");
        }
        Objects.requireNonNull(tls);
        trustedAddresses = Set.copyOf(trustedAddresses);
        sopClasses = List.copyOf(sopClasses);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (maxPduLength < 4096 || maxPduLength > (64 << 20)) {
            throw new IllegalArgumentException("maxPduLength must be 4096 to 64 MiB: " + maxPduLength);
        }
        if (maxObjectSize < 1 || memoryThreshold < 0) {
            throw new IllegalArgumentException("maxObjectSize must be positive and memoryThreshold not negative");
        }
        Objects.requireNonNull(tempDirectory);
        for (Duration d : List.of(associationRequestTimeout, releaseTimeout, idleTimeout, pduReadTimeout,
                writeTimeout, shutdownGrace)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /**
     * Slots kept for trusted addresses beyond {@link #maxAssociations()}: a quarter of it, at least two (none when
     * no address is trusted).
     */
    public int reservedAssociations() {
        return trustedAddresses.isEmpty() ? 0 : Math.max(2, maxAssociations / 4);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.aeTitle = aeTitle;
        b.bindAddress = bindAddress.orElse(null);
        b.port = port;
        b.allowed = new ArrayList<>(allowedCallingAeTitles);
        b.maxAssociations = maxAssociations;
        b.sopClasses = new ArrayList<>(sopClasses);
        b.transferSyntaxes = new ArrayList<>(transferSyntaxes);
        b.maxPduLength = maxPduLength;
        b.maxObjectSize = maxObjectSize;
        b.memoryThreshold = memoryThreshold;
        b.tempDirectory = tempDirectory;
        b.associationRequestTimeout = associationRequestTimeout;
        b.releaseTimeout = releaseTimeout;
        b.idleTimeout = idleTimeout;
        b.pduReadTimeout = pduReadTimeout;
        b.writeTimeout = writeTimeout;
        b.shutdownGrace = shutdownGrace;
        b.maxPerCaller = maxAssociationsPerCaller;
        b.maxPerAddress = maxAssociationsPerAddress;
        b.tls = tls.orElse(null);
        b.tlsNeedClientAuth = tlsNeedClientAuth;
        b.trusted = new java.util.LinkedHashSet<>(trustedAddresses);
        return b;
    }

    /** Collects settings for a {@link DicomServerConfig}. Not thread-safe. */
    public static final class Builder {
        private String aeTitle = "PLEURA";
        private InetAddress bindAddress;
        private int port = DEFAULT_PORT;
        private List<String> allowed = new ArrayList<>();
        private int maxAssociations = 16;
        private List<String> sopClasses = new ArrayList<>(SopClasses.DEFAULT);
        private List<TransferSyntax> transferSyntaxes = new ArrayList<>(TransferSyntaxes.decodable());
        private int maxPduLength = 256 * 1024;
        private long maxObjectSize = 512L << 20;
        private long memoryThreshold = 16L << 20;
        private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private Duration associationRequestTimeout = Duration.ofSeconds(10);
        private Duration releaseTimeout = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration pduReadTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int maxPerCaller = Integer.MAX_VALUE;
        private int maxPerAddress = Integer.MAX_VALUE;
        private javax.net.ssl.SSLContext tls;
        private boolean tlsNeedClientAuth;
        private Set<InetAddress> trusted = new java.util.LinkedHashSet<>();

        private Builder() {
        }

        /** This node's AE title (default "PLEURA"). */
        public Builder aeTitle(String aeTitle) {
            this.aeTitle = aeTitle;
            return this;
        }

        /** Listen on one local address only (default: every interface). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = address;
            return this;
        }

        /** TCP port (default 11112; 0 picks a free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Accept only these calling AE titles (default: any). */
        public Builder allowCallingAeTitles(Collection<String> aeTitles) {
            this.allowed = new ArrayList<>(aeTitles);
            return this;
        }

        /** Associations served at once (default 16). */
        public Builder maxAssociations(int max) {
            this.maxAssociations = max;
            return this;
        }

        /** Replaces the accepted SOP classes (default {@link SopClasses#DEFAULT}). */
        public Builder sopClasses(Collection<String> uids) {
            this.sopClasses = new ArrayList<>(uids);
            return this;
        }

        /** Adds accepted SOP classes, e.g. {@link SopClasses#MAMMOGRAPHY}. */
        public Builder addSopClasses(Collection<String> uids) {
            for (String u : uids) {
                if (!sopClasses.contains(u)) {
                    sopClasses.add(u);
                }
            }
            return this;
        }

        /** Replaces the accepted transfer syntaxes (default {@link TransferSyntaxes#decodable()}). */
        public Builder transferSyntaxes(Collection<TransferSyntax> syntaxes) {
            this.transferSyntaxes = new ArrayList<>(syntaxes);
            return this;
        }

        /** Maximum PDU length announced (default 256 KiB). */
        public Builder maxPduLength(int bytes) {
            this.maxPduLength = bytes;
            return this;
        }

        /** Largest data set accepted (default 512 MiB). */
        public Builder maxObjectSize(long bytes) {
            this.maxObjectSize = bytes;
            return this;
        }

        /** Data sets larger than this are spooled to a temporary file (default 16 MiB). */
        public Builder memoryThreshold(long bytes) {
            this.memoryThreshold = bytes;
            return this;
        }

        /** Where large data sets are spooled (default java.io.tmpdir). */
        public Builder tempDirectory(Path dir) {
            this.tempDirectory = dir;
            return this;
        }

        /** ARTIM for the A-ASSOCIATE-RQ (default 10 s). */
        public Builder associationRequestTimeout(Duration d) {
            this.associationRequestTimeout = d;
            return this;
        }

        /** ARTIM after release, reject or abort (default 5 s). */
        public Builder releaseTimeout(Duration d) {
            this.releaseTimeout = d;
            return this;
        }

        /** Abort an association silent for this long (default 60 s). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** Time for one started PDU to arrive entirely (default 30 s). */
        public Builder pduReadTimeout(Duration d) {
            this.pduReadTimeout = d;
            return this;
        }

        /** Time for the peer to read what is sent (default 30 s). */
        public Builder writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** On close, time for associations to finish the message in progress (default 10 s). */
        public Builder shutdownGrace(Duration d) {
            this.shutdownGrace = d;
            return this;
        }

        /** Associations at once per calling AE title and connections at once per address (default: no cap). */
        public Builder maxAssociationsPerPeer(int perCaller, int perAddress) {
            this.maxPerCaller = perCaller;
            this.maxPerAddress = perAddress;
            return this;
        }

        /** Listen with TLS using this context (certificate, key, trusted client CAs); null for plain TCP. */
        public Builder tls(javax.net.ssl.SSLContext context, boolean needClientAuth) {
            this.tls = context;
            this.tlsNeedClientAuth = needClientAuth;
            return this;
        }

        /** The configuration. @throws IllegalArgumentException naming the first invalid setting */
        public DicomServerConfig build() {
            return new DicomServerConfig(aeTitle, Optional.ofNullable(bindAddress), port, new LinkedHashSet<>(allowed),
                    maxAssociations, sopClasses, transferSyntaxes, maxPduLength, maxObjectSize, memoryThreshold,
                    tempDirectory, associationRequestTimeout, releaseTimeout, idleTimeout, pduReadTimeout,
                    writeTimeout, shutdownGrace, maxPerCaller, maxPerAddress, Optional.ofNullable(tls),
                    tlsNeedClientAuth, trusted);
        }

        /** The hospital's own modalities and PACS, never starved by other peers (see the record's Javadoc). */
        public Builder trustedAddresses(Collection<InetAddress> addresses) {
            this.trusted = new java.util.LinkedHashSet<>(addresses);
            return this;
        }
    }
}
