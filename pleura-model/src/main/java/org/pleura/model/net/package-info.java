/**
 * The network: an ImageNet-style ResNet (7x7/2 convolution, max-pool, four stages of basic residual blocks,
 * global average pooling) built from Deep Java Library blocks, with a linear head giving one logit per finding.
 * {@link org.pleura.model.net.FindingNetwork} also returns class activation maps from the same forward pass when
 * not training. It knows nothing about findings' names: only how many outputs there are.
 */
package org.pleura.model.net;
