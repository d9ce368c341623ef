/**
 * Durable storage of what Pleura receives: the data directory layout with crash-safe writes
 * ({@link org.pleura.server.store.DataDirectory}: temporary file, forced to disk, atomic rename, directory forced),
 * the DICOM tree in the database ({@link org.pleura.server.store.DicomTree}) and
 * {@link org.pleura.server.store.Ingest}, the one entry point every channel (C-STORE, STOW-RS, REST upload) goes
 * through: an object is written and recorded together with its analysis job, in one transaction, before the
 * sender is told it is stored.
 */
package org.pleura.server.store;
