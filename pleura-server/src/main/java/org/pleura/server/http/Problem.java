package org.pleura.server.http;

/**
 * An error response body (RFC 9457 {@code application/problem+json}).
 *
 * @param type   {@code about:blank} (the status says it all) or a problem type URI
 * @param title  short summary, e.g. "Payload Too Large"
 * @param status the HTTP status
 * @param detail what went wrong in this case, in words a user can act on
 * @param code   a stable machine-readable slug, e.g. {@code queue-full}
 */
public record Problem(String type, String title, int status, String detail, String code) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
