/**
 * ONNX export of a model package and inference through ONNX Runtime: {@link org.pleura.model.onnx.OnnxExporter}
 * writes the network (batch normalisation folded into the convolutions) as an ONNX graph with two outputs, the
 * logits and the last feature map, from which class activation maps are computed with the head's weights.
 */
package org.pleura.model.onnx;
