/**
 * {@code pleura bench evaluate}: time and peak resident memory of an evaluation at a manifest size, to show memory
 * stays bounded as manifests grow.
 */
package org.pleura.bench.evaluate;
