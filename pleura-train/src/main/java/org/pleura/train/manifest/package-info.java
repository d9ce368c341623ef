/**
 * Reading the CSV files that describe a data set: {@link org.pleura.train.manifest.ManifestReader}
 * turns a manifest (one row per radiograph: its path, optional patient id, split and metadata, and a
 * {@code 1}/{@code 0}/empty column per finding id) into an immutable {@link
 * org.pleura.train.manifest.Manifest} of {@link org.pleura.train.manifest.ManifestEntry} values, with
 * tri-state {@link org.pleura.train.manifest.Label}s (empty or absent means unknown, never negative) and
 * a deterministic patient-level split ({@link org.pleura.train.manifest.PatientSplitter}) when the file
 * has none; {@link org.pleura.train.manifest.BoxesFile} reads the radiologist boxes CSV. The package
 * knows finding ids only as strings handed in by the caller, so it never hard-codes a finding, and every
 * problem in a file is reported as a {@link org.pleura.train.manifest.ManifestException} that names the
 * file, the line and what to fix.
 */
package org.pleura.train.manifest;
