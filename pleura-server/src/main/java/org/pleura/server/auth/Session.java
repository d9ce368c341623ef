package org.pleura.server.auth;

/**
 * A signed-in browser.
 *
 * @param tokenHash  SHA-256 of the cookie's token (the token itself is never stored)
 * @param user       who signed in (as of this request)
 * @param csrfToken  the synchronizer token state-changing requests must echo in {@code X-CSRF-Token}
 * @param createdAt  epoch ms of the sign-in
 * @param lastSeenAt epoch ms of the last request (to the minute)
 * @param expiresAt  epoch ms after which the session ends whatever the activity
 */
public record Session(String tokenHash, User user, String csrfToken, long createdAt, long lastSeenAt,
                      long expiresAt) {
}
