package org.pleura.server.auth;


/** What a route needs from its caller; an {@link org.pleura.server.http.AccessPolicy} decides who has it. */
public enum Access {
    /** Anyone (health, OpenAPI document). */
    PUBLIC,
    /** Any signed-in person, whatever the role (their own session, language and password). */
    SIGNED_IN,
    /** Read studies, images and results. */
    READ,
    /** Give feedback on results (radiologists). */
    FEEDBACK,
    /** Send images (STOW-RS, uploads). */
    STORE,
    /** Operate the server (retry jobs; users, settings, audit trail). */
    ADMIN
}
