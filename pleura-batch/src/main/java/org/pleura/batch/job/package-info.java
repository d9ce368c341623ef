/**
 * The Spark driver of {@code pleura batch}: lists the inputs, takes the output lock, reads the keys earlier runs
 * have, and analyses the remaining files chunk by chunk, each chunk committed on its own so that a killed run loses
 * at most one chunk of work.
 */
package org.pleura.batch.job;
