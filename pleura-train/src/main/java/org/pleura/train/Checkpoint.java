package org.pleura.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pleura.model.pkg.Tensor;
import org.pleura.model.pkg.WeightsFile;

/**
 * A training run's state after an epoch, in a directory beside the package: {@code last.bin} (weights, float32),
 * {@code best.bin} (the best epoch's weights), {@code optimizer.bin} (AdamW moments by parameter name) and
 * {@code state.json} (written last: the checkpoint exists once it does). Everything needed to continue exactly
 * where the run stopped is restored: weights, batch-norm statistics, optimizer moments, update count (hence
 * the learning rate), epoch, best score and patience; the data order and augmentations depend only on the seed
 * and the epoch.
 */
public final class Checkpoint {

    /** The state file; its presence marks a checkpoint. */
    public static final String STATE = "state.json";
    static final String LAST = "last.bin";
    static final String BEST = "best.bin";
    static final String OPTIMIZER = "optimizer.bin";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * The scalar state.
     *
     * @param epochsDone         epochs completed
     * @param steps              optimizer updates done
     * @param bestEpoch          best epoch so far (0 if none)
     * @param bestValMeanAuroc   its score
     * @param epochsSinceBest    epochs without improvement
     * @param finished           true when training ended (last epoch or early stop)
     * @param trainingSeconds    time spent so far
     * @param fingerprint        options that must not change on resume
     * @param history            epoch reports so far
     */
    public record State(int epochsDone, int steps, int bestEpoch, double bestValMeanAuroc, int epochsSinceBest,
                        boolean finished, double trainingSeconds, Map<String, Object> fingerprint,
                        List<EpochReport> history) {
        public State {
            fingerprint = Map.copyOf(fingerprint);
            history = List.copyOf(history);
        }
    }

    private Checkpoint() {
    }

    /** True if the directory holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    /** Saves weights, best weights (when {@code best} is not null), optimizer moments and state. */
    public static void save(Path dir, State state, List<Tensor> weights, List<Tensor> best, Map<String, float[]> optimizer)
            throws IOException {
        Files.createDirectories(dir);
        writeWeights(dir.resolve(LAST), weights);
        if (best != null) {
            writeWeights(dir.resolve(BEST), best);
        }
        List<Tensor> moments = new ArrayList<>();
        optimizer.forEach((name, values) -> moments.add(new Tensor(name, new long[] {values.length}, values)));
        writeWeights(dir.resolve(OPTIMIZER), moments);
        Path tmp = dir.resolve(STATE + ".tmp");
        JSON.writeValue(tmp.toFile(), state);
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeWeights(Path file, List<Tensor> tensors) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            WeightsFile.write(out, tensors, WeightsFile.Storage.FLOAT32);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The scalar state. */
    public static State readState(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(STATE).toFile(), State.class);
    }

    /** The last epoch's weights. */
    public static Map<String, Tensor> readLast(Path dir) throws IOException {
        return read(dir.resolve(LAST));
    }

    /** The best epoch's weights. */
    public static Map<String, Tensor> readBest(Path dir) throws IOException {
        return read(dir.resolve(BEST));
    }

    /** The optimizer moments by name. */
    public static Map<String, float[]> readOptimizer(Path dir) throws IOException {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        read(dir.resolve(OPTIMIZER)).forEach((k, t) -> out.put(k, t.values()));
        return out;
    }

    private static Map<String, Tensor> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WeightsFile.read(in);
        }
    }
}
