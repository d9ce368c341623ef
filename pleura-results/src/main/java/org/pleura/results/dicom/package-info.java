/**
 * The DICOM results: a Secondary Capture of the overlay ({@link org.pleura.results.dicom.SecondaryCaptureWriter})
 * and a Comprehensive SR following TID 1500 as IHE AI Results uses it
 * ({@link org.pleura.results.dicom.StructuredReportWriter}). Both are new instances in the source's study, in new
 * series whose description says they are AI results not for diagnosis, with the patient and study copied from
 * the source ({@link org.pleura.results.dicom.SourceImage}), references to the source image, and the algorithm's
 * name and version stamped ({@link org.pleura.results.dicom.Producer}).
 */
package org.pleura.results.dicom;
