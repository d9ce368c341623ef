/**
 * The command lines of the batch jar: {@code pleura batch} and {@code pleura audit}, dispatched here by the
 * {@code ./pleura} launcher so that {@code pleura-cli} never loads Spark. Wiring only.
 */
package org.pleura.batch.cli;
