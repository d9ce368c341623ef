/**
 * Who may do what: users with one role each ({@link org.pleura.server.auth.Role}: clinician reads, radiologist
 * reads and gives feedback, admin manages users, settings and the audit trail), passwords hashed with
 * PBKDF2-HMAC-SHA256 ({@link org.pleura.server.auth.PasswordHasher}), browser sessions in HttpOnly SameSite=Strict
 * cookies with a synchronizer CSRF token, lock-out after repeated failures, and bearer API tokens for machines.
 * {@link org.pleura.server.auth.SessionAccessPolicy} is the server's one {@link org.pleura.server.http.AccessPolicy}:
 * every route is checked there.
 */
package org.pleura.server.auth;
