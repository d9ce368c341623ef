/**
 * The values a batch writes: one {@link org.pleura.batch.rows.ImageResult} per image (its outcome row) with one
 * {@link org.pleura.batch.rows.FindingRow} per model and finding. Serializable, so that Spark moves them between
 * executors; no Spark type here.
 */
package org.pleura.batch.rows;
