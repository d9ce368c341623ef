/**
 * Speed measurements of training and inference ({@link org.pleura.train.bench.TrainBenchmark}, behind
 * {@code pleura bench train}), side by side with the same network in PyTorch from Python
 * ({@code scripts/bench/resnet18_torch.py}) measured in the same run.
 */
package org.pleura.train.bench;
