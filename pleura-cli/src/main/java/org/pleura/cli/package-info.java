/**
 * The {@code pleura} command: parses arguments with picocli and wires the stages together.
 * Wiring only: no business logic lives here.
 */
package org.pleura.cli;
