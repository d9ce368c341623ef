package org.pleura.server.http;

/** What a route needs from its caller; an {@link AccessPolicy} decides who has it. */
public enum Access {
    /** Anyone (health, OpenAPI document). */
    PUBLIC,
    /** Read studies, images and results. */
    READ,
    /** Send images (STOW-RS, uploads). */
    STORE,
    /** Operate the server (retry jobs). */
    ADMIN
}
