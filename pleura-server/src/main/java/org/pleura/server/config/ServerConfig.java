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
 * defaults) or directly in tests with {@link #defaults(Path)} and the {@code with...} copies.
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

    /** A copy with these security settings. */
    public ServerConfig withSecurity(SecurityConfig s) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                dbPassword, workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued,
                minFreeDiskBytes, worklistMaxWait, routeMaxBackoff, s);
    }

    /** The embedded defaults with this data directory: ports 8080 and 11112, AE title PLEURA, no route, H2. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, DEFAULT_HTTP_PORT, DEFAULT_DICOM_PORT, DEFAULT_AE_TITLE, List.of(), Set.of(),
                "", "", "", defaultWorkers(), 2, Optional.empty(), 512L << 20, 8, 32, 100_000, 512L << 20,
                Duration.ofMinutes(60), Duration.ofMinutes(5), SecurityConfig.defaults());
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

    /** A copy with other ports (0 picks free ports; tests use this). */
    public ServerConfig withPorts(int http, int dicom) {
        return new ServerConfig(dataDir, http, dicom, aeTitle, routes, allowedCallers, dbUrl, dbUser, dbPassword,
                workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued, minFreeDiskBytes,
                worklistMaxWait, routeMaxBackoff, security);
    }

    /** A copy with this model package. */
    public ServerConfig withModel(Path pkg) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                dbPassword, workers, routeWorkers, Optional.ofNullable(pkg), maxObjectBytes, maxUploads,
                maxAssociations, maxQueued, minFreeDiskBytes, worklistMaxWait, routeMaxBackoff, security);
    }

    /** A copy with these routes. */
    public ServerConfig withRoutes(List<DicomNode> destinations) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, destinations, allowedCallers, dbUrl, dbUser,
                dbPassword, workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued,
                minFreeDiskBytes, worklistMaxWait, routeMaxBackoff, security);
    }

    /** A copy with another database. */
    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, url, user, password,
                workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued, minFreeDiskBytes,
                worklistMaxWait, routeMaxBackoff, security);
    }

    /** A copy with other limits. */
    public ServerConfig withLimits(long maxObject, int uploads, int associations, int queued, long minFreeDisk) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                dbPassword, workers, routeWorkers, model, maxObject, uploads, associations, queued, minFreeDisk,
                worklistMaxWait, routeMaxBackoff, security);
    }

    /** A copy with other worker counts and routing back-off cap. */
    public ServerConfig withWorkers(int analysis, int senders, Duration maxBackoff) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                dbPassword, analysis, senders, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued,
                minFreeDiskBytes, worklistMaxWait, maxBackoff, security);
    }

    /** A copy with another worklist maximum wait. */
    public ServerConfig withWorklistMaxWait(Duration maxWait) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, allowedCallers, dbUrl, dbUser,
                dbPassword, workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued,
                minFreeDiskBytes, maxWait, routeMaxBackoff, security);
    }

    /** A copy accepting only these calling AE titles (empty: any). */
    public ServerConfig withAllowedCallers(Set<String> callers) {
        return new ServerConfig(dataDir, httpPort, dicomPort, aeTitle, routes, callers, dbUrl, dbUser, dbPassword,
                workers, routeWorkers, model, maxObjectBytes, maxUploads, maxAssociations, maxQueued, minFreeDiskBytes,
                worklistMaxWait, routeMaxBackoff, security);
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
