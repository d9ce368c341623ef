package org.pleura.server.auth;

import java.util.Set;

/**
 * A machine's bearer token ({@code Authorization: Bearer plt_...}), for modalities, gateways and scripts.
 *
 * @param pk         database key
 * @param name       what it is for, e.g. "CT gateway"
 * @param scopes     what it may do: {@code store} (send images), {@code read} (studies and results)
 * @param createdBy  the admin who created it
 * @param createdAt  epoch ms
 * @param lastUsedAt epoch ms of the last use (to the minute), 0 if never
 * @param revokedAt  epoch ms of the revocation, 0 if live
 */
public record ApiToken(long pk, String name, Set<String> scopes, String createdBy, long createdAt, long lastUsedAt,
                       long revokedAt) {

    /** Scope to send images (STOW-RS, {@code POST /api/images}). */
    public static final String STORE = "store";
    /** Scope to read studies, images and results (REST, WADO-RS, QIDO-RS). */
    public static final String READ = "read";

    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    /** True unless revoked. */
    public boolean live() {
        return revokedAt == 0;
    }
}
