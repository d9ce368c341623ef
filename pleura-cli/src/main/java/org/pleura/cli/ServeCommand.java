package org.pleura.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pleura.server.Main;
import org.pleura.server.PleuraServer;
import org.pleura.server.config.ConfigResolver;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pleura serve}: the DICOM node, the HTTP server (REST, DICOMweb, health, metrics) and the analysis
 * workers, on embedded defaults. Wiring only: settings are resolved by {@link ConfigResolver} and the server is
 * {@link PleuraServer}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Pleura as a hospital DICOM node with DICOMweb and a REST API.",
                "Receives radiographs (C-STORE, STOW-RS, POST /api/images), stores them durably, analyses them and "
                        + "sends the SR and SC to every --route destination.",
                "Pleura is an aid to the reader, not a diagnosis."},
        footer = {"", "Every option can also be set by an environment variable (PLEURA_HTTP_PORT, PLEURA_ROUTE, "
                + "PLEURA_DB_PASSWORD, ...; lists comma-separated) or in the --config file (properties such as "
                + "http-port=8081 or a JSON object). Precedence: flag > environment > file > default.",
                "With no --model, PLEURA_MODEL or bundled model, images are stored and queued until a model is given."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory: instances, results, embedded database (default: $PLEURA_HOME/data, "
                    + "i.e. ~/.pleura/data).")
    String data;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "HTTP port (default 8080; 0 picks one; off).")
    String httpPort;

    @Option(names = "--dicom-port", paramLabel = "PORT",
            description = "DICOM port (default 11112; 0 picks one; off).")
    String dicomPort;

    @Option(names = "--ae-title", paramLabel = "AET", description = "This node's AE title (default PLEURA).")
    String aeTitle;

    @Option(names = "--route", paramLabel = "AET@HOST:PORT[?tls]",
            description = "Send the SR and SC of every analysis there (repeatable; ?tls: over TLS).")
    List<String> routes;

    @Option(names = "--allow", paramLabel = "AET",
            description = "Accept associations only from this calling AE title (repeatable; default: any).")
    List<String> allow;

    @Option(names = "--allow-address", paramLabel = "ADDRESS",
            description = "A modality's or PACS's address (repeatable): never starved by other DICOM peers.")
    List<String> allowAddress;

    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL: jdbc:postgresql://host/db (default: embedded H2 in the data directory).")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (prefer PLEURA_DB_PASSWORD: command lines are visible to other users).")
    String dbPassword;

    @Option(names = "--workers", paramLabel = "N",
            description = "Analysis workers (default: one per processor, at most 4).")
    String workers;

    @Option(names = "--route-workers", paramLabel = "N", description = "Result senders (default 2).")
    String routeWorkers;

    @Option(names = "--model", paramLabel = "PKG", description = "Model package, or a folder of packages whose "
            + "every model reads (default: PLEURA_MODEL or the bundled models/ folder).")
    String model;

    @Option(names = "--max-object-size", paramLabel = "SIZE", description = "Largest object accepted (default 512MB).")
    String maxObjectSize;

    @Option(names = "--max-uploads", paramLabel = "N", description = "Concurrent HTTP uploads (default 8; more get 503).")
    String maxUploads;

    @Option(names = "--max-associations", paramLabel = "N",
            description = "Concurrent DICOM associations (default 32; more are rejected).")
    String maxAssociations;

    @Option(names = "--max-queued", paramLabel = "N",
            description = "Analyses waiting before new objects are refused (default 100000).")
    String maxQueued;

    @Option(names = "--min-free-disk", paramLabel = "SIZE",
            description = "Free space kept on the data disk (default 512MB).")
    String minFreeDisk;

    @Option(names = "--worklist-max-wait", paramLabel = "DURATION",
            description = "Wait after which any study rises to the top of the worklist (default 60m).")
    String worklistMaxWait;

    @Option(names = "--route-max-backoff", paramLabel = "DURATION",
            description = "Longest pause between two attempts to send results (default 5m).")
    String routeMaxBackoff;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base URL clients use, e.g. https://pleura.hospital.example (DICOMweb retrieve URLs; "
                    + "default: the address the request arrived on, never its Host header).")
    String publicUrl;

    @Option(names = "--max-uploads-per-client", paramLabel = "N",
            description = "HTTP uploads at once from one address (default 2; more get 429).")
    String maxUploadsPerClient;

    @Option(names = "--min-upload-rate", paramLabel = "SIZE",
            description = "Slowest upload accepted, bytes per second (default 1KB; slower ones are cut).")
    String minUploadRate;

    @Option(names = "--http-idle-timeout", paramLabel = "DURATION",
            description = "Close an HTTP connection silent this long (default 30s).")
    String httpIdleTimeout;

    @Option(names = "--max-associations-per-caller", paramLabel = "N",
            description = "DICOM associations at once per calling AE title (default 4).")
    String maxAssociationsPerCaller;

    @Option(names = "--max-associations-per-address", paramLabel = "N",
            description = "DICOM connections at once per address (default 4).")
    String maxAssociationsPerAddress;

    @Option(names = "--association-request-timeout", paramLabel = "DURATION",
            description = "Time a new DICOM connection has to send its A-ASSOCIATE-RQ (default 3s).")
    String associationRequestTimeout;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Server certificate chain (PEM): turns on HTTPS (--https-port) and DICOM TLS (--dicom-tls-port).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key of --tls-cert (PEM).")
    String tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE",
            description = "Require client certificates signed by these CA certificates (PEM).")
    String tlsClientCa;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "CA certificates (PEM) trusted for --route AET@HOST:PORT?tls (default: the JDK's).")
    String tlsTrust;

    @Option(names = "--https-port", paramLabel = "PORT",
            description = "HTTPS port when TLS is on (default 8443; 0 picks one; off).")
    String httpsPort;

    @Option(names = "--dicom-tls-port", paramLabel = "PORT",
            description = "DICOM TLS port when TLS is on (default 2762; 0 picks one; off).")
    String dicomTlsPort;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (.properties or .json).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Main.logFormat();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig c = ConfigResolver.resolve(flags(), System.getenv(), Optional.ofNullable(config));
        if (c.model().isEmpty()) {
            try {
                c = c.toBuilder().model(DefaultModel.locateSetting()).build();
            } catch (IllegalStateException e) {
                err.println("pleura serve: no model: images are stored and queued until one is given with --model ("
                        + e.getMessage() + ")");
                err.flush();
            }
        }
        PleuraServer server = PleuraServer.start(c);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pleura-shutdown"));
        out.println("pleura serve: DICOM " + c.aeTitle() + (server.dicomPort() >= 0 ? " on port " + server.dicomPort()
                : "") + (server.dicomTlsPort() >= 0 ? " (TLS on port " + server.dicomTlsPort() + ")" : "")
                + (server.httpPort() >= 0 ? ", HTTP on http://localhost:" + server.httpPort() + "/" : "")
                + (server.httpsPort() >= 0 ? ", HTTPS on https://localhost:" + server.httpsPort() + "/" : "")
                + " (API: /api/openapi.json), data in " + c.dataDir().toAbsolutePath());
        out.println("pleura serve: " + server.recovery().describe());
        out.println("Pleura is an aid to the reader, not a diagnosis. Stop with Ctrl-C.");
        out.flush();
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop
        } finally {
            server.close();
        }
        return 0;
    }

    private Map<Setting, List<String>> flags() {
        Map<Setting, List<String>> f = new EnumMap<>(Setting.class);
        put(f, Setting.DATA, data);
        put(f, Setting.HTTP_PORT, httpPort);
        put(f, Setting.DICOM_PORT, dicomPort);
        put(f, Setting.AE_TITLE, aeTitle);
        putAll(f, Setting.ROUTE, routes);
        putAll(f, Setting.ALLOW, allow);
        putAll(f, Setting.ALLOW_ADDRESS, allowAddress);
        put(f, Setting.DB, db);
        put(f, Setting.DB_USER, dbUser);
        put(f, Setting.DB_PASSWORD, dbPassword);
        put(f, Setting.WORKERS, workers);
        put(f, Setting.ROUTE_WORKERS, routeWorkers);
        put(f, Setting.MODEL, model);
        put(f, Setting.MAX_OBJECT_SIZE, maxObjectSize);
        put(f, Setting.MAX_UPLOADS, maxUploads);
        put(f, Setting.MAX_ASSOCIATIONS, maxAssociations);
        put(f, Setting.MAX_QUEUED, maxQueued);
        put(f, Setting.MIN_FREE_DISK, minFreeDisk);
        put(f, Setting.WORKLIST_MAX_WAIT, worklistMaxWait);
        put(f, Setting.ROUTE_MAX_BACKOFF, routeMaxBackoff);
        put(f, Setting.PUBLIC_URL, publicUrl);
        put(f, Setting.MAX_UPLOADS_PER_CLIENT, maxUploadsPerClient);
        put(f, Setting.MIN_UPLOAD_RATE, minUploadRate);
        put(f, Setting.HTTP_IDLE_TIMEOUT, httpIdleTimeout);
        put(f, Setting.MAX_ASSOCIATIONS_PER_CALLER, maxAssociationsPerCaller);
        put(f, Setting.MAX_ASSOCIATIONS_PER_ADDRESS, maxAssociationsPerAddress);
        put(f, Setting.ASSOCIATION_REQUEST_TIMEOUT, associationRequestTimeout);
        put(f, Setting.TLS_CERT, tlsCert);
        put(f, Setting.TLS_KEY, tlsKey);
        put(f, Setting.TLS_CLIENT_CA, tlsClientCa);
        put(f, Setting.TLS_TRUST, tlsTrust);
        put(f, Setting.HTTPS_PORT, httpsPort);
        put(f, Setting.DICOM_TLS_PORT, dicomTlsPort);
        return f;
    }

    private static void put(Map<Setting, List<String>> f, Setting s, String v) {
        if (v != null) {
            f.put(s, List.of(v));
        }
    }

    private static void putAll(Map<Setting, List<String>> f, Setting s, List<String> v) {
        if (v != null && !v.isEmpty()) {
            f.put(s, new ArrayList<>(v));
        }
    }
}
