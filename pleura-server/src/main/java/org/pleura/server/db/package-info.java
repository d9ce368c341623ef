/**
 * The database: a small connection pool with transactions as functions ({@link org.pleura.server.db.Database}),
 * versioned schema migrations that run at start on H2 and PostgreSQL alike, and the single-server guard (one
 * {@code pleura serve} per database).
 */
package org.pleura.server.db;
