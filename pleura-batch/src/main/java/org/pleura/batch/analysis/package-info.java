/**
 * What an executor does with one file: read its bytes, name it by its key (SOP Instance UID or content hash), skip
 * it when an earlier run already has it, run the executor's one {@link org.pleura.results.pipeline.Analyzer} on it
 * (loaded once per executor JVM by {@link org.pleura.batch.analysis.AnalyzerHolder}), and turn the outcome into
 * rows, pseudonymising the patient id; optionally write the artefacts beside the tables.
 */
package org.pleura.batch.analysis;
