/**
 * DICOMweb (PS3.18) on DICOMweb's own paths under {@code /dicomweb}: STOW-RS to store, WADO-RS to retrieve stored
 * instances and results (multipart/related application/dicom, and metadata as DICOM JSON), QIDO-RS to search
 * studies, series and instances. Objects stored by STOW-RS go through the same ingestion as C-STORE.
 */
package org.pleura.server.dicomweb;
