/**
 * Preparing the input and interpreting the output, apart from the network (as DJL's {@code Translator} does):
 * {@link org.pleura.model.inference.Preprocessor} turns a display-ready image into the network's input tensor,
 * {@link org.pleura.model.inference.Postprocessor} turns logits into scores and three-level calls and class
 * activation maps into heat maps and boxes ({@link org.pleura.model.inference.BoxExtractor}), and
 * {@link org.pleura.model.inference.NetworkRunner} runs the network in between (DJL-PyTorch or ONNX Runtime).
 */
package org.pleura.model.inference;
