/**
 * Helpers shared by the server tests: {@link org.pleura.server.testing.TestNode} (a server on free ports with its
 * clients), HTTP clients, external tools (dcmtk, Orthanc, PostgreSQL), images of the shared data, a test model and
 * clock.
 */
package org.pleura.server.testing;
