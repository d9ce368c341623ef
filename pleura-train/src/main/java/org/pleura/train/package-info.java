/**
 * Training a finding model from a manifest: {@link org.pleura.train.Trainer} driven by a
 * {@link org.pleura.train.TrainingConfig}, reporting to a {@link org.pleura.train.ProgressListener}
 * ({@link org.pleura.train.ConsoleProgress} draws a progress bar), checkpointing every epoch
 * ({@link org.pleura.train.Checkpoint}) and ending with a model package whose operating points
 * ({@link org.pleura.train.Calibrator}) and model card ({@link org.pleura.train.ModelCardWriter}) come from the
 * validation split. Subpackages: {@code data} (image cache, labels, batches), {@code optim} (loss, optimizer,
 * schedule), {@code manifest} and {@code eval} (manifests and metrics), {@code bench} (speed measurements).
 */
package org.pleura.train;
