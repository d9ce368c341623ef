package org.pleura.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pleura.dicom.net.ServerStats;
import org.pleura.model.result.ModelInfo;
import org.pleura.server.analysis.AnalysisService;
import org.pleura.server.analysis.AnalysisServices;
import org.pleura.server.config.SecurityConfig;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.db.Database;
import org.pleura.server.dicomweb.DicomWebApi;
import org.pleura.server.dimse.CStoreSender;
import org.pleura.server.dimse.DicomListener;
import org.pleura.server.dimse.ResultSender;
import org.pleura.server.fhir.FhirApi;
import org.pleura.server.http.AccessPolicy;
import org.pleura.server.http.HttpEndpoints;
import org.pleura.server.http.HttpServer;
import org.pleura.server.http.PublicBase;
import org.pleura.server.http.SystemApi;
import org.pleura.server.http.UploadGate;
import org.pleura.server.metrics.Metrics;
import org.pleura.server.queue.Backlog;
import org.pleura.server.queue.JobKind;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.queue.JobState;
import org.pleura.server.queue.Recovery;
import org.pleura.server.queue.RetryPolicy;
import org.pleura.server.rest.RestApi;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.Queries;
import org.pleura.server.tls.TlsContexts;
import org.pleura.server.tls.TlsSetupException;
import org.pleura.server.web.ReadingRoom;
import org.pleura.server.work.AnalysisJobRunner;
import org.pleura.server.work.JobEvents;
import org.pleura.server.work.LeaseKeeper;
import org.pleura.server.work.RouteJobRunner;
import org.pleura.server.work.WorkerPool;
import org.pleura.server.worklist.Worklist;

/**
 * {@code pleura serve}, composed in one place. Start order: data directory (locked), database (guarded, schema
 * migrated), recovery of the queue, workers, ingestion, DICOM listener, HTTP server; {@link #close()} stops them in
 * reverse order.
 *
 * <pre>{@code
 * try (PleuraServer server = PleuraServer.start(ServerConfig.builder(Path.of("data")).model(pkg).build())) {
 *     System.out.println("HTTP on " + server.httpPort() + ", DICOM on " + server.dicomPort());
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class PleuraServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.server");
    /** How long a claimed job holds without a heartbeat. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private final ServerConfig config;
    private final Clock clock;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private DataDirectory dir;
    private Database db;
    private JobQueue queue;
    private AnalysisService analysis;
    private WorkerPool analysers;
    private WorkerPool senders;
    private DicomListener dicom;
    private Optional<TlsContexts> tls = Optional.empty();
    private HttpServer http;
    private ReadingRoom readingRoom;
    private Recovery recovery;
    private final Metrics metrics = new Metrics();
    private final JobEvents jobEvents = new JobEvents();
    private final Object stopped = new Object();
    private volatile boolean closed;

    private PleuraServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts with the analysis service for {@code config.model()}, results sent by C-STORE, and users: every route
     * checks its caller (browser session, API token or HTTP Basic) and role; the first start creates the admin.
     */
    public static PleuraServer start(ServerConfig config) {
        return startWith(config, Optional.empty(), Clock.systemUTC());
    }

    /**
     * Like {@link #start(ServerConfig)} on this clock: sessions, sign-in delays and upload rates read it (tests
     * advance a test clock instead of sleeping).
     */
    public static PleuraServer start(ServerConfig config, Clock clock) {
        return startWith(config, Optional.empty(), clock);
    }

    /**
     * Like {@link #start(ServerConfig)}, but every caller may do everything on the API (tests and benchmarks of the
     * DICOM node, REST and DICOMweb; a server reached only through an authenticating proxy). The reading room's
     * pages and routes still need a signed-in user.
     */
    public static PleuraServer startOpen(ServerConfig config) {
        return startWith(config, Optional.of(AccessPolicy.OPEN), Clock.systemUTC());
    }

    private static PleuraServer startWith(ServerConfig config, Optional<AccessPolicy> access, Clock clock) {
        AnalysisService analysis;
        try {
            analysis = AnalysisServices.forModel(config.model(), config.workers());
        } catch (IOException e) {
            throw new ServerStartException("cannot load model package " + config.model().orElse(null) + ": "
                    + e.getMessage(), e);
        }
        javax.net.ssl.SSLContext outgoing;
        try {
            outgoing = TlsContexts.of(config.security()).map(TlsContexts::client).orElse(null);
        } catch (TlsSetupException e) {
            try {
                analysis.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw new ServerStartException("TLS: " + e.getMessage(), e);
        }
        return start(config, analysis, new CStoreSender(config.aeTitle(), outgoing), access, clock);
    }

    /** Starts with given collaborators and users (the server closes {@code analysis} when it stops). */
    public static PleuraServer start(ServerConfig config, AnalysisService analysis, ResultSender sender) {
        return start(config, analysis, sender, Optional.empty(), Clock.systemUTC());
    }

    /**
     * Starts with given collaborators (the server closes {@code analysis} when it stops, or when it cannot start).
     *
     * @throws ServerStartException naming what could not start and why
     */
    public static PleuraServer start(ServerConfig config, AnalysisService analysis, ResultSender sender,
                                     AccessPolicy access) {
        return start(config, analysis, sender, Optional.of(access), Clock.systemUTC());
    }

    /** Like {@link #start(ServerConfig, AnalysisService, ResultSender)} on this clock (tests move a test clock). */
    public static PleuraServer start(ServerConfig config, AnalysisService analysis, ResultSender sender, Clock clock) {
        return start(config, analysis, sender, Optional.empty(), clock);
    }

    /** Like {@link #start(ServerConfig, AnalysisService, ResultSender, AccessPolicy)} on this clock. */
    public static PleuraServer start(ServerConfig config, AnalysisService analysis, ResultSender sender,
                                     AccessPolicy access, Clock clock) {
        return start(config, analysis, sender, Optional.of(access), clock);
    }

    private static PleuraServer start(ServerConfig config, AnalysisService analysis, ResultSender sender,
                                      Optional<AccessPolicy> access, Clock clock) {
        PleuraServer s = new PleuraServer(config, clock);
        try {
            s.open(analysis, sender, access);
            return s;
        } catch (RuntimeException | IOException e) {
            s.close();
            if (e instanceof ServerStartException se) {
                throw se;
            }
            throw new ServerStartException("pleura serve cannot start: " + e.getMessage(), e);
        }
    }

    private void open(AnalysisService analysisService, ResultSender sender, Optional<AccessPolicy> access)
            throws IOException {
        this.analysis = analysisService;
        resources.add(analysisService);
        try {
            tls = TlsContexts.of(config.security());
        } catch (TlsSetupException e) {
            throw new ServerStartException("TLS: " + e.getMessage(), e);
        }
        dir = DataDirectory.open(config.dataDir());
        resources.add(dir);
        String url = config.dbUrl().isEmpty()
                ? "jdbc:h2:file:" + dir.databaseDirectory().resolve("pleura") + ";WRITE_DELAY=0"
                : config.dbUrl();
        db = Database.open(url, config.dbUser(), config.dbPassword(), 24);
        resources.add(db);
        queue = new JobQueue(db, LEASE, clock::millis);
        recovery = queue.recoverAtStart();
        LOG.log(System.Logger.Level.INFO, recovery.describe());
        Backlog backlog = new Backlog();
        backlog.set(queue.unfinishedAnalyses());

        RetryPolicy routeRetry = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(2), config.routeMaxBackoff());
        senders = new WorkerPool(JobKind.ROUTE, config.routeWorkers(), queue,
                new RouteJobRunner(sender, dir, db, queue, routeRetry, metrics, clock), routeRetry, metrics, jobEvents);
        RetryPolicy analysisRetry = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5));
        analysers = new WorkerPool(JobKind.ANALYZE, config.workers(), queue,
                new AnalysisJobRunner(analysisService, dir, db, queue, config.routes(), analysisRetry, backlog,
                        senders::wake, metrics, clock), analysisRetry, metrics, jobEvents);
        resources.add(() -> senders.close(10_000));
        resources.add(() -> analysers.close(30_000));
        senders.start();
        analysers.start();
        resources.add(LeaseKeeper.start(queue, backlog, List.of(analysers, senders)));

        Ingest ingest = new Ingest(dir, db, backlog, analysers::wake, metrics, config.maxObjectBytes(),
                config.minFreeDiskBytes(), config.maxQueued(), clock::millis);
        try {
            dicom = DicomListener.start(config, ingest, dir.tempDirectory(), tls);
        } catch (IOException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
        resources.add(dicom);
        if (config.allowedCallers().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "the DICOM node accepts associations from any calling AE title: "
                    + "on a hospital network, list the modalities and PACS with --allow AET (repeatable)");
        }

        Queries queries = new Queries(db);
        try {
            readingRoom = ReadingRoom.open(new ReadingRoom.Setup(config, db, dir, queries, System.getenv(), System.out,
                    clock));
        } catch (IllegalArgumentException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
        resources.add(readingRoom);
        SecurityConfig security = config.security();
        UploadGate uploads = new UploadGate(config.maxUploads(), security.maxUploadsPerClient(),
                security.minUploadBytesPerSecond(), clock::millis);
        registerMetrics(uploads);
        SystemApi system = new SystemApi(healthChecks(), metrics);
        RestApi rest = new RestApi(ingest, queries, dir, queue, uploads,
                new Worklist(db), config.worklistMaxWait(), clock::millis,
                () -> readingRoom.catalogue().ids());
        FhirApi fhir = new FhirApi(queries, dir,
                id -> readingRoom.catalogue().findings().stream().filter(f -> f.id().equals(id)).findFirst(), clock);
        DicomWebApi dicomWeb = new DicomWebApi(ingest, queries, dir, uploads,
                new PublicBase(config.security().publicUrl()));
        try {
            http = HttpServer.start(httpEndpoints(), access.orElseGet(readingRoom::accessPolicy),
                    readingRoom.accessLog(), metrics, routes -> {
                system.register(routes);
                rest.register(routes);
                dicomWeb.register(routes);
                readingRoom.register(routes);
                fhir.register(routes);
            });
        } catch (RuntimeException e) {
            throw new ServerStartException("cannot serve HTTP on port " + config.httpPort() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        resources.add(http);
        LOG.log(System.Logger.Level.INFO, "pleura serve ready: DICOM " + config.aeTitle() + " on port "
                + (dicom.port() >= 0 ? dicom.port() : "off") + (dicom.tlsPort() >= 0 ? " and TLS port "
                + dicom.tlsPort() : "") + ", HTTP on port " + (http.port() >= 0 ? http.port() : "off")
                + (http.tlsPort() >= 0 ? ", HTTPS on port " + http.tlsPort() : "")
                + tls.map(t -> " (certificate " + t.subject() + (t.needClientCert() ? ", client certificates required"
                : "") + ")").orElse("") + ", model " + analysisService.model().map(m -> m.id() + " "
                + m.version()).orElse("none") + ", routes " + config.routes());
    }

    private HttpEndpoints httpEndpoints() {
        SecurityConfig s = config.security();
        return new HttpEndpoints(config.httpPort(), s.httpsPort(), tls.map(TlsContexts::server),
                tls.map(TlsContexts::needClientCert).orElse(false), s.httpIdleTimeout());
    }

    private Map<String, Supplier<SystemApi.Check>> healthChecks() {
        Map<String, Supplier<SystemApi.Check>> c = new LinkedHashMap<>();
        c.put("database", () -> new SystemApi.Check(db.isHealthy() ? "ok" : "down",
                Map.of("dialect", db.dialect().name())));
        c.put("disk", () -> {
            long free = dir.usableSpace();
            return new SystemApi.Check(free >= config.minFreeDiskBytes() ? "ok" : "down",
                    Map.of("freeBytes", free, "minFreeBytes", config.minFreeDiskBytes()));
        });
        c.put("dicom", () -> {
            ServerStats st = dicom.stats();
            return new SystemApi.Check(dicom.isRunning() ? "ok" : "down", Map.of("aeTitle", config.aeTitle(),
                    "port", dicom.port(), "activeAssociations", st.activeAssociations()));
        });
        c.put("workers", () -> new SystemApi.Check(analysers.isAlive() && senders.isAlive() ? "ok" : "down",
                Map.of("analysis", Map.of("size", analysers.size(), "busy", analysers.busy()),
                        "sending", Map.of("size", senders.size(), "busy", senders.busy()))));
        c.put("model", () -> {
            java.util.Optional<ModelInfo> m = analysis.model();
            return m.map(info -> new SystemApi.Check("ok", Map.<String, Object>of("id", info.id(), "version",
                    info.version()))).orElseGet(() -> new SystemApi.Check("degraded", Map.of("detail",
                    "no model installed: images are stored and queued, not analysed")));
        });
        c.put("queue", () -> {
            Map<JobKind, Map<JobState, Long>> counts = queue.counts();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("analysesQueued", counts.get(JobKind.ANALYZE).get(JobState.QUEUED));
            d.put("analysesRunning", counts.get(JobKind.ANALYZE).get(JobState.RUNNING));
            d.put("routesPending", counts.get(JobKind.ROUTE).get(JobState.QUEUED)
                    + counts.get(JobKind.ROUTE).get(JobState.RUNNING));
            d.put("failed", counts.get(JobKind.ANALYZE).get(JobState.FAILED)
                    + counts.get(JobKind.ROUTE).get(JobState.FAILED));
            return new SystemApi.Check("ok", d);
        });
        return c;
    }

    private void registerMetrics(UploadGate uploads) {
        metrics.gaugeFamily("pleura_jobs", "Jobs in the queue, by kind and state", () -> {
            Map<String, Double> m = new LinkedHashMap<>();
            queue.counts().forEach((k, states) -> states.forEach((s, n) ->
                    m.put(Metrics.labels("kind", k.dbValue(), "state", s.dbValue()), n.doubleValue())));
            return m;
        });
        metrics.gauge("pleura_disk_free_bytes", "Free space on the data disk", () -> (double) dir.usableSpace());
        metrics.gauge("pleura_model_loaded", "1 when a model is loaded", () -> analysis.model().isPresent() ? 1.0 : 0.0);
        metrics.gauge("pleura_uploads_in_progress", "HTTP uploads being received", () -> (double) uploads.inProgress());
        metrics.gauge("pleura_dicom_associations_active", "DICOM associations being served",
                () -> (double) dicom.stats().activeAssociations());
        metrics.gaugeFamily("pleura_dicom_associations", "DICOM associations since start, by outcome", () -> {
            ServerStats st = dicom.stats();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(Metrics.labels("outcome", "accepted"), (double) st.acceptedAssociations());
            m.put(Metrics.labels("outcome", "rejected"), (double) st.rejectedAssociations());
            m.put(Metrics.labels("outcome", "aborted"), (double) st.abortedAssociations());
            return m;
        });
        metrics.gaugeFamily("pleura_workers_busy", "Workers running a job, by kind", () -> Map.of(
                Metrics.labels("kind", "analyze"), (double) analysers.busy(),
                Metrics.labels("kind", "route"), (double) senders.busy()));
        metrics.rate("pleura_analyses_per_second", "Analyses completed per second over the last minute");
    }

    /** The HTTP port (the actual one when 0 was configured). */
    public int httpPort() {
        return http.port();
    }

    /** The DICOM port (the actual one when 0 was configured), -1 when plain DICOM is off. */
    public int dicomPort() {
        return dicom.port();
    }

    /** The DICOM TLS port, -1 when off. */
    public int dicomTlsPort() {
        return dicom.tlsPort();
    }

    /** The HTTPS port, -1 when off. */
    public int httpsPort() {
        return http.tlsPort();
    }

    /** The HTTP routes served (method, path template, access). */
    public List<org.pleura.server.http.RouteTable.Route> routes() {
        return http.routes();
    }

    /** The reading room: users, audit trail, feedback, web pages. */
    public ReadingRoom readingRoom() {
        return readingRoom;
    }

    /** What the queue held at start. */
    public Recovery recovery() {
        return recovery;
    }

    /** The configuration served. */
    public ServerConfig config() {
        return config;
    }

    /** The metrics (for tests and benchmarks). */
    public Metrics metrics() {
        return metrics;
    }

    /** Job attempts ended, analyses and sendings alike (tests block on it instead of polling the queue). */
    public JobEvents jobEvents() {
        return jobEvents;
    }

    /** Blocks until {@link #close()} is called. */
    public void awaitShutdown() throws InterruptedException {
        synchronized (stopped) {
            while (!closed) {
                stopped.wait();
            }
        }
    }

    /** Stops everything, newest first. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "while stopping: " + e.getMessage());
            }
        }
        resources.clear();
        synchronized (stopped) {
            closed = true;
            stopped.notifyAll();
        }
    }
}
