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
    ROUTE_MAX_BACKOFF("route-max-backoff", false, "longest pause between two sending attempts, e.g. 5m");

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
