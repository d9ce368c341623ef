/**
 * Turning an analysis into the artefacts a hospital consumes, and the pipeline that produces them. Every artefact
 * says that Pleura is an aid to the reader, not a diagnosis ({@link org.pleura.results.Language#disclaimer()}).
 * Sub-packages: {@code json} (the Analysis JSON of docs/formats.md), {@code overlay} (the overlay picture),
 * {@code dicom} (Secondary Capture and Structured Report), {@code pipeline} (the {@code Analyzer} the CLI and the
 * server build) and {@code bench} (the end-to-end benchmark).
 */
package org.pleura.results;
