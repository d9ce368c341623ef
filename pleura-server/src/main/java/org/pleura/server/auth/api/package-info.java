/**
 * Authentication over HTTP: {@link org.pleura.server.auth.api.SessionAccessPolicy} is the server's one
 * {@link org.pleura.server.http.AccessPolicy} (session cookie with a synchronizer CSRF token, HTTP Basic, bearer
 * API token; every route is checked there), {@link org.pleura.server.auth.api.AuthApi} the sign-in, user, token
 * and settings routes, {@link org.pleura.server.auth.api.Callers} the caller attached to a request, and
 * {@link org.pleura.server.auth.api.DataAccessAudit} the audit of every answered request to patient data. The
 * users, sessions and tokens themselves are in {@link org.pleura.server.auth}.
 */
package org.pleura.server.auth.api;
