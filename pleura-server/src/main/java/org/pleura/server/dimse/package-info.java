/**
 * Pleura as a DICOM node, on top of {@code org.pleura.dicom.net}: the listener whose C-STORE handler hands every
 * object to {@link org.pleura.server.store.Ingest} (the response is sent only after it is durably stored) and the
 * sender that delivers result objects to the configured destinations by C-STORE.
 */
package org.pleura.server.dimse;
