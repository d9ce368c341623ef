/**
 * Training data: images decoded and resized once into a memory-mapped cache
 * ({@link org.pleura.train.data.ImageCache}), labels and masks per output
 * ({@link org.pleura.train.data.LabelMatrix}), and batches assembled with augmentation
 * ({@link org.pleura.train.data.BatchAssembler}).
 */
package org.pleura.train.data;
