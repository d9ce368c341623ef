package org.pleura.server.http;

import java.util.Map;

/**
 * Thrown by a handler to answer with a problem document (and optional headers such as {@code Retry-After}).
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(int status, String code, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /** 404 with a detail. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", detail);
    }

    /** 400 with a detail. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The problem document. */
    public Problem problem() {
        return new Problem("about:blank", HttpStatusText.of(status), status, getMessage(), code);
    }
}
