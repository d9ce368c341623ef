/**
 * {@code pleura serve}: a hospital DICOM node with DICOMweb and a REST API, a durable job queue in a database and
 * results routed back to the PACS. {@link org.pleura.server.PleuraServer} composes the pieces in one place:
 * configuration, data directory and database, ingestion, analysis and routing workers, the DICOM listener and the
 * HTTP server. It knows nothing about chests: finding names and urgencies come from the model's catalogue.
 */
package org.pleura.server;
