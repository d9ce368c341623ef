/**
 * What every HTTP API of the server shares (Javalin, wired by hand): the server itself, {@code /health},
 * {@code /metrics} and the OpenAPI document ({@link org.pleura.server.http.SystemApi}); the
 * {@link org.pleura.server.http.RouteTable} through which every route is registered with the
 * {@link org.pleura.server.auth.Access} it needs, checked by one {@link org.pleura.server.http.AccessPolicy} (the
 * single place where authentication plugs in); problem documents (RFC 9457 {@code application/problem+json}, never
 * stack traces); JSON bodies, query parameters, upload admission and safe redirects. The APIs themselves are in
 * {@code rest}, {@code dicomweb}, {@code fhir}, {@code web} and {@code auth.api}.
 */
package org.pleura.server.http;
