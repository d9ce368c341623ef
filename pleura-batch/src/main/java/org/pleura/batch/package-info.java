/**
 * {@code pleura batch} and {@code pleura audit}: the same {@link org.pleura.results.pipeline.Analyzer} as
 * {@code pleura analyze} run over an archive on Apache Spark, writing Parquet tables of findings and outcomes that
 * a re-run resumes, and an audit of those tables against prior report labels.
 *
 * <p>Packages, leaves first (no cycles): {@code rows} (the values written), {@code input} (what to read),
 * {@code analysis} (what an executor does with one file), {@code store} (the output folder: tables, run ledger,
 * lock, pseudonym key), {@code job} (the Spark driver), {@code audit}, {@code cli}. This package holds only
 * {@link org.pleura.batch.BatchException}.
 */
package org.pleura.batch;
