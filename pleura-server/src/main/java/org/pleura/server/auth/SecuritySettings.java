package org.pleura.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.db.SettingsTable;

/**
 * The access settings an admin may change from the web page, stored in {@link SettingsTable} and kept in memory
 * (one server per database). Every change goes through {@link #set}, which the settings page audits.
 *
 * <ul>
 *   <li>{@code http-ingest}: {@code token} (default: sending images with STOW-RS or {@code POST /api/images} needs
 *       an API token with the {@code store} scope, or an admin; a request without is refused at its headers with
 *       401) or {@code open} (anyone who reaches the HTTP port may send images: only an admin may open it, and the
 *       change is audited);</li>
 *   <li>{@code session-idle-minutes}: a browser session ends after this long without a request (default 60);</li>
 *   <li>{@code login-max-failures}: failed sign-ins from one client address for one user name before that address
 *       must wait between attempts (1 s, then doubling; default 5). Accounts are never locked: see
 *       {@link SignInThrottle};</li>
 *   <li>{@code lockout-minutes}: the longest wait between two attempts (default 15).</li>
 * </ul>
 */
public final class SecuritySettings {

    /**
     * One setting.
     *
     * @param key          name in the table and the API
     * @param defaultValue value when never set
     * @param choices      allowed values, or empty for a whole number in [min, max]
     * @param min          smallest number allowed
     * @param max          largest number allowed
     */
    public record Definition(String key, String defaultValue, List<String> choices, int min, int max) {

        /** Why {@code value} is refused, or empty. */
        public Optional<String> problem(String value) {
            String v = value == null ? "" : value.strip();
            if (!choices.isEmpty()) {
                return choices.contains(v) ? Optional.empty()
                        : Optional.of(key + " must be one of " + String.join(", ", choices));
            }
            try {
                int n = Integer.parseInt(v);
                return n >= min && n <= max ? Optional.empty()
                        : Optional.of(key + " must be between " + min + " and " + max);
            } catch (NumberFormatException e) {
                return Optional.of(key + " must be a whole number between " + min + " and " + max);
            }
        }
    }

    /** Image sending over HTTP: open or token. */
    public static final Definition HTTP_INGEST = new Definition("http-ingest", "token", List.of("token", "open"), 0,
            0);
    /** Idle minutes before a session ends. */
    public static final Definition SESSION_IDLE = new Definition("session-idle-minutes", "60", List.of(), 5, 720);
    /** Failures from one address for one name before delays start. */
    public static final Definition MAX_FAILURES = new Definition("login-max-failures", "5", List.of(), 3, 20);
    /** The longest delay between two attempts, in minutes. */
    public static final Definition LOCKOUT = new Definition("lockout-minutes", "15", List.of(), 1, 1440);
    /** Every setting, in the order shown. */
    public static final List<Definition> ALL = List.of(HTTP_INGEST, SESSION_IDLE, MAX_FAILURES, LOCKOUT);

    private final SettingsTable table;
    private volatile Map<String, String> values;

    public SecuritySettings(SettingsTable table) {
        this.table = table;
        reload();
    }

    private void reload() {
        Map<String, String> stored = table.all();
        Map<String, String> v = new LinkedHashMap<>();
        for (Definition d : ALL) {
            String s = stored.get(d.key());
            v.put(d.key(), s != null && d.problem(s).isEmpty() ? s.strip() : d.defaultValue());
        }
        values = Map.copyOf(v);
    }

    /** The definition named {@code key}, if any. */
    public static Optional<Definition> definition(String key) {
        return ALL.stream().filter(d -> d.key().equals(key)).findFirst();
    }

    /** Current values by key, in the order of {@link #ALL}. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Definition d : ALL) {
            out.put(d.key(), values.get(d.key()));
        }
        return out;
    }

    /**
     * Changes one setting.
     *
     * @return the previous value
     * @throws IllegalArgumentException for an unknown key or a refused value
     */
    public synchronized String set(String key, String value, String by, long now) {
        Definition d = definition(key).orElseThrow(() -> new IllegalArgumentException("no setting named '" + key
                + "'"));
        d.problem(value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String old = values.get(key);
        table.put(key, value.strip(), by, now);
        reload();
        return old;
    }

    /** True when sending images over HTTP needs a token or an admin session. */
    public boolean ingestNeedsToken() {
        return values.get(HTTP_INGEST.key()).equals("token");
    }

    /** Idle time after which a session ends. */
    public Duration sessionIdle() {
        return Duration.ofMinutes(Integer.parseInt(values.get(SESSION_IDLE.key())));
    }

    /** Failures from one address for one name before delays start. */
    public int maxFailures() {
        return Integer.parseInt(values.get(MAX_FAILURES.key()));
    }

    /** The longest delay between two attempts. */
    public Duration lockout() {
        return Duration.ofMinutes(Integer.parseInt(values.get(LOCKOUT.key())));
    }
}
