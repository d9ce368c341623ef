/**
 * Server configuration: the {@link org.pleura.server.config.ServerConfig} record and how it is resolved from
 * command-line flags, environment variables ({@code PLEURA_HTTP_PORT}...), a configuration file (properties or JSON)
 * and defaults, in that order of precedence.
 */
package org.pleura.server.config;
