/**
 * Speed measurements of training and inference ({@link org.pleura.bench.train.TrainBenchmark}, behind
 * {@code pleura bench train}), side by side with the same network in PyTorch from Python
 * ({@code scripts/bench/resnet18_torch.py}) measured in the same run.
 */
package org.pleura.bench.train;
