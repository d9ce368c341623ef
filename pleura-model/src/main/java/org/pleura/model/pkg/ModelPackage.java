package org.pleura.model.pkg;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pleura.model.catalogue.FindingCatalogue;
import ai.djl.nn.AbstractBlock;
import org.pleura.model.net.DetectionNetwork;
import org.pleura.model.net.FindingNetwork;

/**
 * A loaded, validated model package: its descriptor ({@code model.json}), model card and weights.
 *
 * <pre>{@code
 * ModelPackage pkg = ModelPackage.load(Path.of("models/pleura-chest-v2"));
 * try (Model model = pkg.newModel()) { ... }         // or simply: Detector.load(path)
 * }</pre>
 */
public final class ModelPackage {

    /** The descriptor file name. */
    public static final String DESCRIPTOR = "model.json";
    /** The weights file name. */
    public static final String WEIGHTS = "weights.bin";
    /** The model card file name. */
    public static final String MODEL_CARD = "MODEL_CARD.md";
    /** The finding catalogue file name (a package without one names a catalogue bundled with Pleura). */
    public static final String CATALOGUE = "catalogue.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String source;
    private final ModelDescriptor descriptor;
    private final FindingCatalogue catalogue;
    private final String modelCard;
    private final Map<String, Tensor> weights;

    private ModelPackage(String source, ModelDescriptor descriptor, FindingCatalogue catalogue, String modelCard,
                         Map<String, Tensor> weights) {
        this.source = source;
        this.descriptor = descriptor;
        this.catalogue = catalogue;
        this.modelCard = modelCard;
        this.weights = weights;
    }

    /** Loads a package directory or zip file and validates it. */
    public static ModelPackage load(Path path) throws InvalidModelPackageException {
        if (!Files.exists(path)) {
            throw new InvalidModelPackageException("model package " + path + " does not exist");
        }
        if (Files.isRegularFile(path)) {
            try (FileSystem zip = FileSystems.newFileSystem(path)) {
                Path root = zip.getRootDirectories().iterator().next();
                Path inner = Files.exists(root.resolve(DESCRIPTOR)) ? root : singleSubdirectory(root, path);
                return loadDirectory(inner, path.toString());
            } catch (InvalidModelPackageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InvalidModelPackageException("model package " + path + " is neither a directory nor a readable zip: " + e.getMessage(), e);
            }
        }
        return loadDirectory(path, path.toString());
    }

    private static Path singleSubdirectory(Path root, Path zip) throws IOException {
        try (var s = Files.list(root)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && Files.exists(dirs.get(0).resolve(DESCRIPTOR))) {
                return dirs.get(0);
            }
        }
        throw new InvalidModelPackageException("model package " + zip + " has no " + DESCRIPTOR);
    }

    private static ModelPackage loadDirectory(Path dir, String source) throws InvalidModelPackageException {
        byte[] json = readFile(dir, DESCRIPTOR, source);
        ModelDescriptor d;
        try {
            d = JSON.readValue(json, ModelDescriptor.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelPackageException(source + "/" + DESCRIPTOR + " is not a valid model descriptor: " + e.getMessage(), e);
        }
        FindingCatalogue catalogue = catalogueOf(dir, d, source);
        validate(d, catalogue, source);
        byte[] card = readFile(dir, MODEL_CARD, source);
        byte[] w = readFile(dir, d.weights().file(), source);
        String sha = sha256(w);
        if (!sha.equalsIgnoreCase(d.weights().sha256())) {
            throw new InvalidModelPackageException(source + "/" + d.weights().file() + " does not match the SHA-256 in "
                    + DESCRIPTOR + " (file damaged or replaced): expected " + d.weights().sha256() + ", found " + sha);
        }
        Map<String, Tensor> tensors;
        try {
            tensors = WeightsFile.read(new ByteArrayInputStream(w));
        } catch (IOException e) {
            throw new InvalidModelPackageException(source + "/" + d.weights().file() + ": " + e.getMessage(), e);
        }
        return new ModelPackage(source, d, catalogue, new String(card, StandardCharsets.UTF_8), tensors);
    }

    /** The package's own catalogue.json, or the bundled catalogue its descriptor names. */
    private static FindingCatalogue catalogueOf(Path dir, ModelDescriptor d, String source)
            throws InvalidModelPackageException {
        String where = source + "/" + CATALOGUE;
        if (!Files.exists(dir.resolve(CATALOGUE))) {
            return catalogue(d.catalogue(), source + "/" + DESCRIPTOR);
        }
        FindingCatalogue c;
        try (var in = Files.newInputStream(dir.resolve(CATALOGUE))) {
            c = FindingCatalogue.read(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelPackageException(where + " is not a valid finding catalogue: " + e.getMessage(), e);
        }
        if (!c.id().equals(d.catalogue())) {
            throw new InvalidModelPackageException(where + " is catalogue '" + c.id() + "' but " + DESCRIPTOR
                    + " names '" + d.catalogue() + "'");
        }
        return c;
    }

    private static void validate(ModelDescriptor d, FindingCatalogue catalogue, String source)
            throws InvalidModelPackageException {
        String where = source + "/" + DESCRIPTOR;
        if (d.formatVersion() != ModelDescriptor.FORMAT_VERSION) {
            throw new InvalidModelPackageException(where + ": format_version " + d.formatVersion()
                    + " is not supported (this Pleura reads " + ModelDescriptor.FORMAT_VERSION + ")");
        }
        require(d.id() != null && !d.id().isBlank(), where + ": \"id\" is missing");
        require(d.version() != null && !d.version().isBlank(), where + ": \"version\" is missing");
        require(d.architecture() != null, where + ": \"architecture\" is missing");
        require(d.preprocessing() != null, where + ": \"preprocessing\" is missing");
        require(d.weights() != null && d.weights().file() != null, where + ": \"weights\" is missing");
        try {
            d.architecture().toSpec();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelPackageException(where + ": architecture: " + e.getMessage());
        }
        require(!d.outputs().isEmpty(), where + ": \"outputs\" is empty");
        require(d.task() == null || ModelDescriptor.CLASSIFICATION.equals(d.task())
                || ModelDescriptor.DETECTION.equals(d.task()), where + ": task '" + d.task() + "' is not "
                + ModelDescriptor.CLASSIFICATION + " or " + ModelDescriptor.DETECTION);
        Set<String> seen = new HashSet<>();
        for (String id : d.outputs()) {
            require(seen.add(id), where + ": output '" + id + "' is listed twice");
            require(catalogue.contains(id), where + ": output '" + id + "' is not in catalogue '" + catalogue.id()
                    + "' (known: " + String.join(", ", catalogue.ids()) + ", " + catalogue.studyLevel().id() + ")");
            FindingThresholds t = d.thresholds().get(id);
            require(t != null, where + ": no thresholds for output '" + id + "'");
            require(t.doubtful().threshold() <= t.positive().threshold(), where + ": output '" + id
                    + "': doubtful threshold " + t.doubtful().threshold() + " is above positive threshold " + t.positive().threshold());
        }
        require(seen.contains(catalogue.studyLevel().id()), where + ": outputs must include the study-level '"
                + catalogue.studyLevel().id() + "'");
        require(!d.detects() || d.outputs().get(d.outputs().size() - 1).equals(catalogue.studyLevel().id()),
                where + ": a detector's outputs are its classes, then the study-level '" + catalogue.studyLevel().id() + "'");
    }

    private static FindingCatalogue catalogue(String id, String where) throws InvalidModelPackageException {
        if (id != null && FindingCatalogue.BUNDLED.contains(id)) {
            return FindingCatalogue.named(id);
        }
        throw new InvalidModelPackageException(where + ": catalogue '" + id + "' is not bundled with this Pleura (bundled: "
                + String.join(", ", FindingCatalogue.BUNDLED) + ") and the package has no " + CATALOGUE);
    }

    private static void require(boolean ok, String message) throws InvalidModelPackageException {
        if (!ok) {
            throw new InvalidModelPackageException(message);
        }
    }

    private static byte[] readFile(Path dir, String name, String source) throws InvalidModelPackageException {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new InvalidModelPackageException("model package " + source + " has no " + name);
        } catch (IOException e) {
            throw new InvalidModelPackageException("cannot read " + source + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a package directory of a model reading the bundled chest catalogue: see
     * {@link #write(Path, ModelDescriptor, FindingCatalogue, AbstractBlock, String, WeightsFile.Storage)}.
     */
    public static ModelPackage write(Path dir, ModelDescriptor descriptor, AbstractBlock network, String modelCard,
                                     WeightsFile.Storage storage) throws IOException {
        return write(dir, descriptor, catalogue(descriptor.catalogue(), dir.toString()), network, modelCard, storage);
    }

    /**
     * Writes a package directory: the network's weights (with the given storage), {@code model.json} (with the
     * weights' checksum filled in), the finding catalogue and the model card. Returns the package as {@link #load}
     * would.
     */
    public static ModelPackage write(Path dir, ModelDescriptor descriptor, FindingCatalogue catalogue,
                                     AbstractBlock network, String modelCard, WeightsFile.Storage storage)
            throws IOException {
        List<Tensor> tensors = tensorsOf(network);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WeightsFile.write(bytes, tensors, storage);
        byte[] w = bytes.toByteArray();
        long count = tensors.stream().mapToLong(t -> t.values().length).sum();
        ModelDescriptor d = descriptor.withWeights(new WeightsInfo(WEIGHTS, storage, sha256(w), count));
        if (!catalogue.id().equals(d.catalogue())) {
            throw new InvalidModelPackageException(dir + ": the catalogue is '" + catalogue.id() + "' but the descriptor names '"
                    + d.catalogue() + "'");
        }
        validate(d, catalogue, dir.toString());
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(CATALOGUE), catalogue.toJson().getBytes(StandardCharsets.UTF_8));
        writeAtomically(dir.resolve(WEIGHTS), w);
        writeAtomically(dir.resolve(MODEL_CARD), modelCard.getBytes(StandardCharsets.UTF_8));
        writeAtomically(dir.resolve(DESCRIPTOR), toJson(d).getBytes(StandardCharsets.UTF_8));
        return load(dir);
    }

    /** The descriptor as {@code model.json} text. */
    public static String toJson(ModelDescriptor d) {
        try {
            return JSON.writeValueAsString(d) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render model.json: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The network's parameters (including batch-norm running statistics) as named tensors, in block order. */
    public static List<Tensor> tensorsOf(AbstractBlock network) {
        List<Tensor> out = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray a = p.getValue().getArray();
            out.add(new Tensor(p.getKey(), a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return out;
    }

    /**
     * Copies named tensors into an initialized network; every parameter must be present with its exact shape.
     *
     * @throws InvalidModelPackageException naming the first missing or mis-shaped parameter
     */
    public static void loadInto(AbstractBlock network, Map<String, Tensor> tensors, String source)
            throws InvalidModelPackageException {
        Set<String> used = new HashSet<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            Tensor t = tensors.get(p.getKey());
            if (t == null) {
                throw new InvalidModelPackageException(source + ": weights have no parameter " + p.getKey()
                        + " (the weights do not belong to this architecture)");
            }
            NDArray a = p.getValue().getArray();
            if (!Arrays.equals(a.getShape().getShape(), t.shape())) {
                throw new InvalidModelPackageException(source + ": parameter " + p.getKey() + " has shape "
                        + Arrays.toString(t.shape()) + " but the architecture needs " + a.getShape());
            }
            a.set(FloatBuffer.wrap(t.values()));
            used.add(p.getKey());
        }
        if (used.size() != tensors.size()) {
            List<String> extra = tensors.keySet().stream().filter(k -> !used.contains(k)).limit(3).toList();
            throw new InvalidModelPackageException(source + ": weights hold parameters the architecture does not have, e.g. " + extra);
        }
    }

    /** A new DJL model with this package's network and weights (the caller closes it). */
    public Model newModel() throws InvalidModelPackageException {
        AbstractBlock network = newNetwork();
        Model model = Model.newInstance(descriptor.id());
        try {
            model.setBlock(network);
            int s = descriptor.preprocessing().inputSize();
            network.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, descriptor.architecture().inputChannels(), s, s));
            loadInto(network, weights, source);
            return model;
        } catch (InvalidModelPackageException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * An uninitialized network of this package's architecture and outputs: a {@link FindingNetwork} with one logit per
     * output, or for a detector a {@link DetectionNetwork} with one class per output but the study level.
     */
    public AbstractBlock newNetwork() {
        if (descriptor.detects()) {
            return new DetectionNetwork(descriptor.architecture().toSpec(), descriptor.outputs().size() - 1);
        }
        return new FindingNetwork(descriptor.architecture().toSpec(), descriptor.outputs().size());
    }

    /** Where the package was loaded from. */
    public String source() {
        return source;
    }

    /** The validated {@code model.json}. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The catalogue the outputs refer to. */
    public FindingCatalogue catalogue() {
        return catalogue;
    }

    /** The model card (Markdown). */
    public String modelCard() {
        return modelCard;
    }

    /** The weights, by parameter name. */
    public Map<String, Tensor> weights() {
        return weights;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
