/**
 * The DICOM upper layer protocol data units of PS3.8 section 9.3: {@link org.pleura.dicom.net.pdu.Pdu} and its
 * seven kinds (A-ASSOCIATE-RQ/AC/RJ, P-DATA-TF, A-RELEASE-RQ/RP, A-ABORT) as immutable records, and {@link
 * org.pleura.dicom.net.pdu.PduCodec}, which turns them into bytes and back. Decoding refuses malformed or
 * oversized input with a {@link org.pleura.dicom.net.pdu.PduFormatException} before allocating. Knows nothing of
 * sockets, timeouts or DIMSE: see {@code org.pleura.dicom.net} for those.
 */
package org.pleura.dicom.net.pdu;
