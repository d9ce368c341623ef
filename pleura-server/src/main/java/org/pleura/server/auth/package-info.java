/**
 * Who may do what, without HTTP: users with one role each ({@link org.pleura.server.auth.Role}: clinician reads,
 * radiologist reads and gives feedback, admin manages users, settings and the audit trail) and the
 * {@link org.pleura.server.auth.Access} each role or API token has; passwords hashed with PBKDF2-HMAC-SHA256
 * ({@link org.pleura.server.auth.PasswordHasher}); the stores of users, browser sessions and bearer API tokens;
 * sign-in with a throttle per address and name ({@link org.pleura.server.auth.LoginService}); the access settings
 * an admin changes at run time. The HTTP side (routes, cookies, the access policy) is in
 * {@link org.pleura.server.auth.api}; nothing here imports Javalin or the HTTP server.
 */
package org.pleura.server.auth;
