/**
 * What a batch reads: folders, globs and manifest CSVs on any file system Hadoop reads (local, HDFS, S3 through
 * hadoop-aws), listed once on the driver into {@link org.pleura.batch.input.InputFile}s.
 */
package org.pleura.batch.input;
