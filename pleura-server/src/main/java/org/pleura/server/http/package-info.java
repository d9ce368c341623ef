/**
 * The HTTP server (Javalin, wired by hand): the REST API under {@code /api} (an Orthanc-like tree of studies,
 * series and instances, uploads, analyses, worklist, jobs), {@code /health}, {@code /metrics} and the OpenAPI
 * document. Every route is registered through {@link org.pleura.server.http.RouteTable} with the access it needs,
 * checked by one {@link org.pleura.server.http.AccessPolicy}: the single place where authentication plugs in.
 * Errors are problem documents (RFC 9457 {@code application/problem+json}), never stack traces.
 */
package org.pleura.server.http;
