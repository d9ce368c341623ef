package org.pleura.model.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.pleura.image.GrayImage;
import org.pleura.model.DetectionResult;

/** A DJL translator made of a {@link Preprocessor} and a {@link Postprocessor}. */
public final class DetectorTranslator implements Translator<GrayImage, DetectionResult> {

    private static final String SOURCE_SIZE = "pleura.sourceSize";

    private final Preprocessor preprocessor;
    private final Postprocessor postprocessor;

    public DetectorTranslator(Preprocessor preprocessor, Postprocessor postprocessor) {
        this.preprocessor = preprocessor;
        this.postprocessor = postprocessor;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, GrayImage input) {
        ctx.setAttachment(SOURCE_SIZE, new int[] {input.width(), input.height()});
        return new NDList(preprocessor.toTensor(ctx.getNDManager(), input));
    }

    @Override
    public DetectionResult processOutput(TranslatorContext ctx, NDList list) {
        int[] size = (int[]) ctx.getAttachment(SOURCE_SIZE);
        NDArray logits = list.get(0);
        NDArray cams = list.get(1);
        Shape s = cams.getShape();
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        return postprocessor.interpret(logits.toFloatArray(), cams.toFloatArray(), w, h, size[0], size[1]);
    }
}
