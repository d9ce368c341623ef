/**
 * Benchmarks of the DICOM stage (not tests): decode time of real files in Pleura next to the
 * reference command-line decoders (dcmtk, gdcm) run on the same file in the same run.
 */
package org.pleura.bench.decode;
