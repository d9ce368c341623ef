package org.pleura.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pleura.dicom.net.AeTitles;
import org.pleura.dicom.net.DicomNode;

/**
 * Resolves a {@link ServerConfig} from four sources. Precedence, highest first:
 * <ol>
 *   <li>command-line flags ({@code --http-port 8081}; repeatable ones accumulate),</li>
 *   <li>environment variables ({@code PLEURA_HTTP_PORT=8081}; lists comma-separated),</li>
 *   <li>the configuration file ({@code --config FILE} or {@code PLEURA_CONFIG}): Java properties
 *       ({@code http-port=8081}, {@code route=PACS@10.0.0.5:104,ARCHIVE@10.0.0.6:104}) or, when the name ends in
 *       {@code .json}, a JSON object ({@code {"http-port": 8081, "route": ["PACS@10.0.0.5:104"]}}),</li>
 *   <li>the embedded defaults ({@link ServerConfig#builder}).</li>
 * </ol>
 * A repeatable setting takes all its values from the highest source that gives it (flags do not add to the file).
 * The default data directory is {@code $PLEURA_HOME/data}, i.e. {@code ~/.pleura/data}.
 *
 * <pre>{@code
 * ServerConfig c = ConfigResolver.resolve(Map.of(Setting.HTTP_PORT, List.of("8081")), System.getenv(), Optional.empty());
 * }</pre>
 */
public final class ConfigResolver {

    /** The environment variable naming a configuration file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "PLEURA_CONFIG";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private ConfigResolver() {
    }

    /**
     * The configuration from flags, the environment, a file and the defaults.
     *
     * @param flags      values given on the command line (only those given)
     * @param env        the environment, e.g. {@code System.getenv()}
     * @param configFile {@code --config FILE}, if given; else {@code PLEURA_CONFIG} is used when set
     * @throws ConfigException naming the setting, its source and what was expected
     */
    public static ServerConfig resolve(Map<Setting, List<String>> flags, Map<String, String> env,
                                       Optional<Path> configFile) {
        Optional<Path> file = configFile.or(() -> Optional.ofNullable(env.get(CONFIG_ENV))
                .filter(s -> !s.isBlank()).map(Path::of));
        Map<Setting, List<String>> fromFile = file.map(ConfigResolver::readFile).orElse(Map.of());
        Map<Setting, Sourced> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            List<String> v = flags.get(s);
            if (v != null && !v.isEmpty()) {
                values.put(s, new Sourced(v, "--" + s.key()));
                continue;
            }
            String e = env.get(s.environmentVariable());
            if (e != null && !e.isBlank()) {
                values.put(s, new Sourced(s.repeatable() ? splitList(e) : List.of(e.strip()), s.environmentVariable()));
                continue;
            }
            List<String> f = fromFile.get(s);
            if (f != null && !f.isEmpty()) {
                values.put(s, new Sourced(f, file.get() + ": " + s.key()));
            }
        }
        return build(values, env);
    }

    private record Sourced(List<String> values, String source) {
        String one() {
            return values.get(values.size() - 1).strip();
        }
    }

    private static ServerConfig build(Map<Setting, Sourced> v, Map<String, String> env) {
        Path data = v.containsKey(Setting.DATA) ? Path.of(v.get(Setting.DATA).one()) : defaultDataDir(env);
        ServerConfig.Builder b = ServerConfig.builder(data);
        ServerConfig d = b.build();
        try {
            return b.httpPort(port(v, Setting.HTTP_PORT, d.httpPort()))
                    .dicomPort(port(v, Setting.DICOM_PORT, d.dicomPort()))
                    .aeTitle(aeTitle(v, d.aeTitle()))
                    .routes(routes(v))
                    .allowedCallers(allowed(v))
                    .dbUrl(text(v, Setting.DB, d.dbUrl()))
                    .dbUser(text(v, Setting.DB_USER, ""))
                    .dbPassword(text(v, Setting.DB_PASSWORD, ""))
                    .workers(integer(v, Setting.WORKERS, d.workers()))
                    .routeWorkers(integer(v, Setting.ROUTE_WORKERS, d.routeWorkers()))
                    .model(v.containsKey(Setting.MODEL) ? Optional.of(Path.of(v.get(Setting.MODEL).one()))
                            : Optional.empty())
                    .maxObjectBytes(size(v, Setting.MAX_OBJECT_SIZE, d.maxObjectBytes()))
                    .maxUploads(integer(v, Setting.MAX_UPLOADS, d.maxUploads()))
                    .maxAssociations(integer(v, Setting.MAX_ASSOCIATIONS, d.maxAssociations()))
                    .maxQueued(integer(v, Setting.MAX_QUEUED, d.maxQueued()))
                    .minFreeDiskBytes(size(v, Setting.MIN_FREE_DISK, d.minFreeDiskBytes()))
                    .worklistMaxWait(duration(v, Setting.WORKLIST_MAX_WAIT, d.worklistMaxWait()))
                    .routeMaxBackoff(duration(v, Setting.ROUTE_MAX_BACKOFF, d.routeMaxBackoff()))
                    .security(security(v, d.security()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static SecurityConfig security(Map<Setting, Sourced> v, SecurityConfig d) {
        Optional<java.net.URI> publicUrl = Optional.empty();
        if (v.containsKey(Setting.PUBLIC_URL)) {
            Sourced x = v.get(Setting.PUBLIC_URL);
            try {
                publicUrl = Optional.of(new java.net.URI(x.one().replaceAll("/+$", "")));
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(x.source() + ": not a URL: " + e.getMessage());
            }
        }
        Optional<SecurityConfig.TlsFiles> tls = Optional.empty();
        if (v.containsKey(Setting.TLS_CERT) || v.containsKey(Setting.TLS_KEY)) {
            if (!v.containsKey(Setting.TLS_CERT) || !v.containsKey(Setting.TLS_KEY)) {
                throw new ConfigException("TLS needs both --tls-cert and --tls-key");
            }
            tls = Optional.of(new SecurityConfig.TlsFiles(Path.of(v.get(Setting.TLS_CERT).one()),
                    Path.of(v.get(Setting.TLS_KEY).one()), v.containsKey(Setting.TLS_CLIENT_CA)
                    ? Optional.of(Path.of(v.get(Setting.TLS_CLIENT_CA).one())) : Optional.empty(),
                    v.containsKey(Setting.TLS_TRUST) ? Optional.of(Path.of(v.get(Setting.TLS_TRUST).one()))
                            : Optional.empty()));
        } else if (v.containsKey(Setting.TLS_CLIENT_CA) || v.containsKey(Setting.TLS_TRUST)) {
            throw new ConfigException("--tls-client-ca and --tls-trust need --tls-cert and --tls-key");
        }
        return new SecurityConfig(publicUrl,
                integer(v, Setting.MAX_UPLOADS_PER_CLIENT, d.maxUploadsPerClient()),
                size(v, Setting.MIN_UPLOAD_RATE, d.minUploadBytesPerSecond()),
                duration(v, Setting.HTTP_IDLE_TIMEOUT, d.httpIdleTimeout()),
                integer(v, Setting.MAX_ASSOCIATIONS_PER_CALLER, d.maxAssociationsPerCaller()),
                integer(v, Setting.MAX_ASSOCIATIONS_PER_ADDRESS, d.maxAssociationsPerAddress()),
                duration(v, Setting.ASSOCIATION_REQUEST_TIMEOUT, d.associationRequestTimeout()),
                tls,
                port(v, Setting.HTTPS_PORT, d.httpsPort()),
                port(v, Setting.DICOM_TLS_PORT, d.dicomTlsPort()),
                v.containsKey(Setting.ALLOW_ADDRESS) ? v.get(Setting.ALLOW_ADDRESS).values().stream().map(String::strip)
                        .toList() : List.of());
    }

    /** A port number, or -1 for {@code off}. */
    private static int port(Map<Setting, Sourced> v, Setting s, int dflt) {
        if (v.containsKey(s) && v.get(s).one().equalsIgnoreCase("off")) {
            return -1;
        }
        return integer(v, s, dflt);
    }

    /** {@code $PLEURA_HOME/data}, or {@code ~/.pleura/data} when PLEURA_HOME is not set. */
    public static Path defaultDataDir(Map<String, String> env) {
        String home = env.get("PLEURA_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".pleura");
        return base.resolve("data");
    }

    private static String text(Map<Setting, Sourced> v, Setting s, String dflt) {
        return v.containsKey(s) ? v.get(s).one() : dflt;
    }

    private static int integer(Map<Setting, Sourced> v, Setting s, int dflt) {
        if (!v.containsKey(s)) {
            return dflt;
        }
        Sourced x = v.get(s);
        try {
            return Integer.parseInt(x.one());
        } catch (NumberFormatException e) {
            throw new ConfigException(x.source() + ": expected a whole number, got '" + x.one() + "'");
        }
    }

    private static String aeTitle(Map<Setting, Sourced> v, String dflt) {
        if (!v.containsKey(Setting.AE_TITLE)) {
            return dflt;
        }
        Sourced x = v.get(Setting.AE_TITLE);
        try {
            return AeTitles.requireValid(x.one());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(x.source() + ": " + e.getMessage());
        }
    }

    private static List<DicomNode> routes(Map<Setting, Sourced> v) {
        if (!v.containsKey(Setting.ROUTE)) {
            return List.of();
        }
        Sourced x = v.get(Setting.ROUTE);
        List<DicomNode> out = new ArrayList<>();
        for (String r : x.values()) {
            try {
                DicomNode n = DicomNode.parse(r);
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(x.source() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static java.util.Set<String> allowed(Map<Setting, Sourced> v) {
        if (!v.containsKey(Setting.ALLOW)) {
            return java.util.Set.of();
        }
        Sourced x = v.get(Setting.ALLOW);
        java.util.Set<String> out = new LinkedHashSet<>();
        for (String a : x.values()) {
            try {
                out.add(AeTitles.requireValid(a));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(x.source() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static long size(Map<Setting, Sourced> v, Setting s, long dflt) {
        if (!v.containsKey(s)) {
            return dflt;
        }
        Sourced x = v.get(s);
        try {
            return parseSize(x.one());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(x.source() + ": " + e.getMessage());
        }
    }

    private static Duration duration(Map<Setting, Sourced> v, Setting s, Duration dflt) {
        if (!v.containsKey(s)) {
            return dflt;
        }
        Sourced x = v.get(s);
        try {
            return parseDuration(x.one());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(x.source() + ": " + e.getMessage());
        }
    }

    /** Bytes from {@code 1048576}, {@code 512KB}, {@code 256MB}, {@code 2GiB}... (K, M, G, T are powers of 1024). */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 512MB or 2GB, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = unit.isEmpty() || unit.equals("B") ? 0 : switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> throw new IllegalArgumentException("unknown size unit in '" + text + "'");
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return n << shift;
    }

    /** A duration from {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms} or ISO-8601 {@code PT1H}. */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 30s, 5m, 2h or PT1H, got '" + text + "'");
        }
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** Reads a properties or JSON configuration file; unknown keys are refused (a typo must not pass silently). */
    static Map<Setting, List<String>> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        Map<Setting, List<String>> out = new EnumMap<>(Setting.class);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    throw new ConfigException(file + ": expected a JSON object of settings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Setting s = known(file, e.getKey());
                    List<String> vals = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(n -> vals.add(n.asText()));
                    } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        vals.addAll(s.repeatable() ? splitList(e.getValue().asText()) : List.of(e.getValue().asText()));
                    } else {
                        throw new ConfigException(file + ": " + e.getKey() + " must be a value or a list of values");
                    }
                    out.put(s, vals);
                }
            } else {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                for (String key : p.stringPropertyNames()) {
                    Setting s = known(file, key);
                    String val = p.getProperty(key);
                    out.put(s, s.repeatable() ? splitList(val) : List.of(val.strip()));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Setting known(Path file, String key) {
        return Setting.forKey(key).orElseThrow(() -> new ConfigException(file + ": unknown setting '" + key
                + "'; known: " + String.join(", ", java.util.Arrays.stream(Setting.values()).map(Setting::key).toList())));
    }
}
