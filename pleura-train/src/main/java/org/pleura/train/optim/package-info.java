/**
 * Optimisation: the masked, class-weighted binary cross-entropy ({@link org.pleura.train.optim.MaskedBceLoss}),
 * AdamW whose moments can be saved and restored for resuming ({@link org.pleura.train.optim.ResumableAdamW}),
 * and the linear warm-up then cosine learning-rate schedule ({@link org.pleura.train.optim.WarmupCosineSchedule}).
 */
package org.pleura.train.optim;
