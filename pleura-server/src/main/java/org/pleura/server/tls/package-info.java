/**
 * TLS for the node, natively (JSSE, no proxy): certificates and keys read from PEM files into the contexts of the
 * HTTPS connector, the DICOM TLS listener and outgoing DICOM routes.
 */
package org.pleura.server.tls;
