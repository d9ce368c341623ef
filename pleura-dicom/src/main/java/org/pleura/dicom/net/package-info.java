/**
 * DICOM networking (PS3.7 DIMSE, PS3.8 upper layer): {@link org.pleura.dicom.net.DicomServer}, a node that accepts
 * associations and receives objects by C-STORE (handing each to a {@link org.pleura.dicom.net.StoreHandler}, the
 * response sent only after it returns) and answers C-ECHO; and {@link org.pleura.dicom.net.DicomClient}, which
 * sends C-ECHO and C-STORE to another node. Association negotiation, fragmentation, ARTIM, idle and read/write
 * timeouts, and the limits that keep a bad peer from taking down the listener live here; PDU encoding is in
 * {@code org.pleura.dicom.net.pdu}. Outcomes are values ({@link org.pleura.dicom.net.DimseStatus}, {@link
 * org.pleura.dicom.net.StoreOutcome}); failures of an association are typed {@link
 * org.pleura.dicom.net.DicomNetworkException}s.
 */
package org.pleura.dicom.net;
