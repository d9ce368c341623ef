package org.pleura.server.http;

/**
 * Where a browser may be sent after signing in: only a path on this site. A target is accepted when it starts with
 * a single {@code /} followed by neither {@code /} nor a backslash (browsers read {@code /\host} as
 * {@code //host}, another site), and has no backslash or control character anywhere (browsers drop tabs and new
 * lines from URLs, so {@code /\t/host} would become {@code //host}). Anything else, including every absolute URL
 * ({@code https://...}, {@code javascript:...}), gives the fallback.
 */
public final class SafeRedirect {

    /** Longest target accepted. */
    static final int MAX_LENGTH = 2000;

    private SafeRedirect() {
    }

    /** {@code next} when it is a same-site path, otherwise {@code fallback}. */
    public static String path(String next, String fallback) {
        return isSameSitePath(next) ? next : fallback;
    }

    /** True when {@code target} is a path on this site by the rules above. */
    public static boolean isSameSitePath(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH || target.charAt(0) != '/') {
            return false;
        }
        if (target.length() > 1 && (target.charAt(1) == '/' || target.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f || Character.isWhitespace(c) && c != ' ') {
                return false;
            }
        }
        return true;
    }
}
