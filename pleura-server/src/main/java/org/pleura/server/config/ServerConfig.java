package org.pleura.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pleura.dicom.net.AeTitles;
import org.pleura.dicom.net.DicomNode;

/**
 * Everything {@code pleura serve} needs to start. Built by {@link ConfigResolver} (flags, environment, file,
 * defaults) or directly with {@link #builder(Path)}, which starts from the embedded defaults:
 *
 * <pre>{@code
 * ServerConfig c = ServerConfig.builder(Path.of("data")).httpPort(0).dicomPort(0).model(pkg).build();
 * ServerConfig other = c.toBuilder().maxQueued(10).build();
 * }</pre>
 *
 * @param dataDir          where instances, results and the embedded database live
 * @param httpPort         HTTP port; 0 picks a free port, -1 switches plain HTTP off
 * @param dicomPort        DICOM port; 0 picks a free port, -1 switches plain DICOM off
 * @param aeTitle          this node's AE title (the called AE title peers use)
 * @param routes           where results (SR and SC) are sent after each analysis
 * @param allowedCallers   calling AE titles accepted; empty accepts any
 * @param dbUrl            JDBC URL; empty for the embedded H2 database in {@code dataDir/db}
 * @param dbUser           database user ("" for none)
 * @param dbPassword       database password ("" for none)
 * @param workers          analysis workers
 * @param routeWorkers     result senders
 * @param model            model package; empty when none is installed (objects are received and queued)
 * @param maxObjectBytes   largest object accepted by any channel
 * @param maxUploads       concurrent HTTP uploads (STOW-RS, REST) before 503
 * @param maxAssociations  concurrent DICOM associations before rejection
 * @param maxQueued        analyses waiting before new objects are refused (DICOM 0xA700, HTTP 503)
 * @param minFreeDiskBytes free space kept on the data disk (DICOM 0xA700, HTTP 507 below it)
 * @param worklistMaxWait  wait after which any study rises to the top of the worklist
 * @param routeMaxBackoff  longest pause between two attempts to send to a destination
 * @param security         public URL, per-client limits and TLS ({@link SecurityConfig})
 */
public record ServerConfig(Path dataDir, int httpPort, int dicomPort, String aeTitle, List<DicomNode> routes,
                           Set<String> allowedCallers, String dbUrl, String dbUser, String dbPassword, int workers,
                           int routeWorkers, Optional<Path> model, long maxObjectBytes, int maxUploads,
                           int maxAssociations, int maxQueued, long minFreeDiskBytes, Duration worklistMaxWait,
                           Duration routeMaxBackoff, SecurityConfig security) {

    /** Default HTTP port. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Default DICOM port. */
    public static final int DEFAULT_DICOM_PORT = 11112;
    /** Default AE title. */
    public static final String DEFAULT_AE_TITLE = "PLEURA";

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        checkPort("http-port", httpPort);
        checkPort("dicom-port", dicomPort);
        aeTitle = AeTitles.requireValid(aeTitle);
        routes = List.copyOf(routes);
        allowedCallers = Set.copyOf(allowedCallers);
        dbUrl = dbUrl == null ? "" : dbUrl.strip();
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("db: only jdbc:h2:... and jdbc:postgresql://... URLs are supported, got '"
                    + dbUrl + "'");
        }
        dbUser = dbUser == null ? "" : dbUser;
        dbPassword = dbPassword == null ? "" : dbPassword;
        positive("workers", workers);
        positive("route-workers", routeWorkers);
        Objects.requireNonNull(model, "model");
        positive("max-object-size", maxObjectBytes);
        positive("max-uploads", maxUploads);
        positive("max-associations", maxAssociations);
        positive("max-queued", maxQueued);
        if (minFreeDiskBytes < 0) {
            throw new ConfigException("min-free-disk must not be negative");
        }
        if (worklistMaxWait.isNegative() || worklistMaxWait.isZero()) {
            throw new ConfigException("worklist-max-wait must be positive");
        }
        if (routeMaxBackoff.isNegative() || routeMaxBackoff.isZero()) {
            throw new ConfigException("route-max-backoff must be positive");
        }
        Objects.requireNonNull(security, "security");
        if (httpPort < 0 && dicomPort < 0 && !security.tlsOn()) {
            throw new ConfigException("with plain HTTP and plain DICOM both off, give --tls-cert and --tls-key");
        }
    }

    /**
     * Analysis workers by default: one per processor, at most four (each analysis then runs the network on one
     * thread; reading, drawing and writing of one image overlap with the network of another, which measured faster
     * on two cores than one worker with two network threads).
     */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** True when the embedded H2 database in the data directory is used. */
    public boolean embeddedDatabase() {
        return dbUrl.isEmpty() || dbUrl.startsWith("jdbc:h2:");
    }

    /** The settings in words, one per line, without the database password (for the start-up log). */
    public String describe() {
        return "data " + dataDir.toAbsolutePath() + "\n"
                + "http-port " + httpPort + ", dicom-port " + dicomPort + ", ae-title " + aeTitle + "\n"
                + "routes " + (routes.isEmpty() ? "none" : routes) + "\n"
                + "allow " + (allowedCallers.isEmpty() ? "any calling AE title" : allowedCallers) + "\n"
                + "db " + (dbUrl.isEmpty() ? "embedded H2 in " + dataDir.resolve("db") : dbUrl) + "\n"
                + "workers " + workers + " analysis, " + routeWorkers + " sending\n"
                + "model " + model.map(Path::toString).orElse("none (objects are stored and queued until one is installed)");
    }

    /** A builder holding the embedded defaults with this data directory (see {@link Builder}). */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A builder holding every setting of this configuration, to build a changed copy. */
    public Builder toBuilder() {
        return new Builder(dataDir).httpPort(httpPort).dicomPort(dicomPort).aeTitle(aeTitle).routes(routes)
                .allowedCallers(allowedCallers).dbUrl(dbUrl).dbUser(dbUser).dbPassword(dbPassword).workers(workers)
                .routeWorkers(routeWorkers).model(model).maxObjectBytes(maxObjectBytes).maxUploads(maxUploads)
                .maxAssociations(maxAssociations).maxQueued(maxQueued).minFreeDiskBytes(minFreeDiskBytes)
                .worklistMaxWait(worklistMaxWait).routeMaxBackoff(routeMaxBackoff).security(security);
    }

    /**
     * Builds a {@link ServerConfig}, one setter per component, starting from the embedded defaults: ports 8080 and
     * 11112, AE title PLEURA, no route, any caller, embedded H2, {@link #defaultWorkers()} analysis workers and two
     * senders, no model, objects up to 512 MiB, 8 uploads, 32 associations, 100,000 queued analyses, 512 MiB kept
     * free, worklist maximum wait 60 minutes, routing back-off at most 5 minutes, {@link SecurityConfig#defaults()}.
     * {@link #build()} validates (the record's constructor throws {@link ConfigException}).
     */
    public static final class Builder {
        private final Path dataDir;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int dicomPort = DEFAULT_DICOM_PORT;
        private String aeTitle = DEFAULT_AE_TITLE;
        private List<DicomNode> routes = List.of();
        private Set<String> allowedCallers = Set.of();
        private String dbUrl = "";
        private String dbUser = "";
        private String dbPassword = "";
        private int workers = defaultWorkers();
        private int routeWorkers = 2;
        private Optional<Path> model = Optional.empty();
        private long maxObjectBytes = 512L << 20;
        private int maxUploads = 8;
        private int maxAssociations = 32;
        private int maxQueued = 100_000;
        private long minFreeDiskBytes = 512L << 20;
        private Duration worklistMaxWait = Duration.ofMinutes(60);
        private Duration routeMaxBackoff = Duration.ofMinutes(5);
        private SecurityConfig security = SecurityConfig.defaults();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** HTTP port; 0 picks a free port, -1 switches plain HTTP off. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** DICOM port; 0 picks a free port, -1 switches plain DICOM off. */
        public Builder dicomPort(int port) {
            this.dicomPort = port;
            return this;
        }

        /** This node's AE title. */
        public Builder aeTitle(String title) {
            this.aeTitle = title;
            return this;
        }

        /** Where results are sent after each analysis. */
        public Builder routes(List<DicomNode> destinations) {
            this.routes = destinations;
            return this;
        }

        /** Calling AE titles accepted; empty accepts any. */
        public Builder allowedCallers(Set<String> callers) {
            this.allowedCallers = callers;
            return this;
        }

        /** JDBC URL; empty for the embedded H2 database. */
        public Builder dbUrl(String url) {
            this.dbUrl = url;
            return this;
        }

        /** Database user ("" for none). */
        public Builder dbUser(String user) {
            this.dbUser = user;
            return this;
        }

        /** Database password ("" for none). */
        public Builder dbPassword(String password) {
            this.dbPassword = password;
            return this;
        }

        /** Analysis workers. */
        public Builder workers(int analysisWorkers) {
            this.workers = analysisWorkers;
            return this;
        }

        /** Result senders. */
        public Builder routeWorkers(int senders) {
            this.routeWorkers = senders;
            return this;
        }

        /** Model package, or a folder of packages; empty when none is installed. */
        public Builder model(Optional<Path> pkg) {
            this.model = Objects.requireNonNull(pkg, "model");
            return this;
        }

        /** Model package, or a folder of packages; null for none. */
        public Builder model(Path pkg) {
            return model(Optional.ofNullable(pkg));
        }

        /** Largest object accepted by any channel. */
        public Builder maxObjectBytes(long bytes) {
            this.maxObjectBytes = bytes;
            return this;
        }

        /** Concurrent HTTP uploads before 503. */
        public Builder maxUploads(int uploads) {
            this.maxUploads = uploads;
            return this;
        }

        /** Concurrent DICOM associations before rejection. */
        public Builder maxAssociations(int associations) {
            this.maxAssociations = associations;
            return this;
        }

        /** Analyses waiting before new objects are refused. */
        public Builder maxQueued(int queued) {
            this.maxQueued = queued;
            return this;
        }

        /** Free space kept on the data disk. */
        public Builder minFreeDiskBytes(long bytes) {
            this.minFreeDiskBytes = bytes;
            return this;
        }

        /** Wait after which any study rises to the top of the worklist. */
        public Builder worklistMaxWait(Duration maxWait) {
            this.worklistMaxWait = maxWait;
            return this;
        }

        /** Longest pause between two attempts to send to a destination. */
        public Builder routeMaxBackoff(Duration maxBackoff) {
            this.routeMaxBackoff = maxBackoff;
            return this;
        }

        /** Public URL, per-client limits and TLS. */
        public Builder security(SecurityConfig settings) {
            this.security = settings;
            return this;
        }

        /** The configuration; throws {@link ConfigException} when a setting is out of range. */
        public ServerConfig build() {
            return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                    dbPassword, workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued,
                    minFreeDiskBytes, worklistMaxWait, routeMaxBackoff, security);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < -1 || port > 65535) {
            throw new ConfigException(name + " must be 0-65535 (or off), got " + port);
        }
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new ConfigException(name + " must be at least 1, got " + v);
        }
    }
}
