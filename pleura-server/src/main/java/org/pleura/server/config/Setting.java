package org.pleura.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code pleura serve}: its flag name (also the key in a configuration file), its environment
 * variable and whether it may be given several times. Lists given once (environment, file) are comma-separated.
 */
public enum Setting {
    DATA("data", false, "data directory (instances, results, embedded database)"),
    HTTP_PORT("http-port", false, "HTTP port (REST API, DICOMweb, health, metrics)"),
    DICOM_PORT("dicom-port", false, "DICOM port (C-ECHO, C-STORE)"),
    AE_TITLE("ae-title", false, "this node's AE title"),
    ROUTE("route", true, "where results are sent, AET@HOST:PORT"),
    ALLOW("allow", true, "calling AE titles accepted (default: any)"),
    ALLOW_ADDRESS("allow-address", true, "the hospital's modalities and PACS by address: never starved by other peers"),
    DB("db", false, "JDBC URL (default: embedded H2 in the data directory)"),
    DB_USER("db-user", false, "database user"),
    DB_PASSWORD("db-password", false, "database password"),
    WORKERS("workers", false, "analysis workers"),
    ROUTE_WORKERS("route-workers", false, "result senders"),
    MODEL("model", false, "model package"),
    MAX_OBJECT_SIZE("max-object-size", false, "largest object accepted, e.g. 512MB"),
    MAX_UPLOADS("max-uploads", false, "concurrent HTTP uploads (more get 503)"),
    MAX_ASSOCIATIONS("max-associations", false, "concurrent DICOM associations"),
    MAX_QUEUED("max-queued", false, "analyses waiting before new objects are refused"),
    MIN_FREE_DISK("min-free-disk", false, "free space kept on the data disk, e.g. 1GB"),
    WORKLIST_MAX_WAIT("worklist-max-wait", false, "wait after which any study rises to the top, e.g. 60m"),
    ROUTE_MAX_BACKOFF("route-max-backoff", false, "longest pause between two sending attempts, e.g. 5m"),
    PUBLIC_URL("public-url", false, "base URL clients use, e.g. https://pleura.hospital.example (DICOMweb URLs)"),
    MAX_UPLOADS_PER_CLIENT("max-uploads-per-client", false, "HTTP uploads at once from one address (more get 429)"),
    MIN_UPLOAD_RATE("min-upload-rate", false, "slowest upload accepted per second, e.g. 1KB (slower: 408)"),
    HTTP_IDLE_TIMEOUT("http-idle-timeout", false, "HTTP connection closed after this long silent, e.g. 30s"),
    MAX_ASSOCIATIONS_PER_CALLER("max-associations-per-caller", false, "DICOM associations at once per calling AE title"),
    MAX_ASSOCIATIONS_PER_ADDRESS("max-associations-per-address", false, "DICOM connections at once per address"),
    ASSOCIATION_REQUEST_TIMEOUT("association-request-timeout", false, "time to send A-ASSOCIATE-RQ, e.g. 3s"),
    TLS_CERT("tls-cert", false, "server certificate chain, PEM (turns on HTTPS and DICOM TLS)"),
    TLS_KEY("tls-key", false, "private key of --tls-cert, PEM"),
    TLS_CLIENT_CA("tls-client-ca", false, "CA certificates (PEM) clients must present a certificate from"),
    TLS_TRUST("tls-trust", false, "CA certificates (PEM) trusted for outgoing TLS routes (default: the JDK's)"),
    HTTPS_PORT("https-port", false, "HTTPS port when TLS is on (default 8443; off to disable)"),
    DICOM_TLS_PORT("dicom-tls-port", false, "DICOM TLS port when TLS is on (default 2762; off to disable)");

    private final String key;
    private final boolean repeatable;
    private final String description;

    Setting(String key, boolean repeatable, String description) {
        this.key = key;
        this.repeatable = repeatable;
        this.description = description;
    }

    /** Flag name without dashes and configuration file key, e.g. {@code http-port}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code PLEURA_HTTP_PORT}. */
    public String environmentVariable() {
        return "PLEURA_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** True if the flag may be given several times (values accumulate). */
    public boolean repeatable() {
        return repeatable;
    }

    /** One line for help texts. */
    public String description() {
        return description;
    }

    /** The setting with this key ({@code http-port}), or its camel-case JSON spelling ({@code httpPort}). */
    public static Optional<Setting> forKey(String key) {
        String k = key.strip().replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.key.equals(k)).findFirst();
    }
}
