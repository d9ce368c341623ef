/**
 * DICOMweb (PS3.18) on DICOMweb's own paths under {@code /dicomweb}, one class per service:
 * {@link org.pleura.server.dicomweb.StowRs} stores (through the same ingestion as C-STORE),
 * {@link org.pleura.server.dicomweb.WadoRs} retrieves stored instances and results (multipart/related
 * application/dicom, and metadata as DICOM JSON), {@link org.pleura.server.dicomweb.QidoRs} searches studies, series
 * and instances; {@link org.pleura.server.dicomweb.DicomWebApi} builds and registers them.
 */
package org.pleura.server.dicomweb;
