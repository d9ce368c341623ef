package org.pleura.results.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.image.GrayImage;
import org.pleura.image.ImageReadException;
import org.pleura.image.Radiograph;
import org.pleura.image.RadiographReader;
import org.pleura.image.SourceFormat;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.Detector;
import org.pleura.model.result.ModelInfo;
import org.pleura.model.Detection;
import org.pleura.model.DetectionException;
import org.pleura.model.DetectionStage;
import org.pleura.model.check.InputVerdict;
import org.pleura.model.check.PictureStatistics;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.results.Language;
import org.pleura.results.dicom.OutputUids;
import org.pleura.results.dicom.Producer;
import org.pleura.results.dicom.SecondaryCaptureWriter;
import org.pleura.results.dicom.SourceImage;
import org.pleura.results.json.AnalysisJson;
import org.pleura.results.overlay.OverlayRenderer;
import org.pleura.results.overlay.PngEncoder;

/**
 * Pleura's analysis pipeline, composed in one place and read top to bottom in {@link #analyze(byte[], String,
 * String)}: read the file, check the DICOM header against each model's input rules (the routing: a chest
 * radiograph goes to a chest model, a wrist to a fracture model), decode the pixels with their display pipeline,
 * check the picture, then for each model that accepts the image: preprocess, run the network, check the network's
 * features against its training images, postprocess into scores, calls, heat maps and boxes, and write the
 * artefacts (JSON, overlay PNG, and for DICOM input the Secondary Capture and the Structured Report, each naming the
 * model). No score is produced for an image the input checks refuse; an image no model accepts is refused with each
 * model's reason.
 *
 * <p>The models are loaded once and warmed up (networks and artefact writers) when the analyzer is built; the
 * analyzer is thread-safe, so the CLI and the server share one across threads.
 *
 * <pre>{@code
 * try (Analyzer analyzer = Analyzer.load(List.of(chestPackage, fracturePackage), AnalyzerOptions.defaults())) {
 *     AnalysisOutcome outcome = analyzer.analyze(Path.of("wrist.dcm"));
 * }
 * }</pre>
 */
public final class Analyzer implements AutoCloseable {

    private static final java.util.Map<DetectionStage, Stage> STAGES = java.util.Map.of(
            DetectionStage.PREPROCESS, Stage.PREPROCESS, DetectionStage.INFER, Stage.INFER,
            DetectionStage.FEATURE_CHECK, Stage.FEATURE_CHECK, DetectionStage.POSTPROCESS, Stage.POSTPROCESS);

    private final List<ModelReader> models;
    private final AnalyzerOptions options;
    private final OverlayRenderer overlays = new OverlayRenderer();
    private final SecondaryCaptureWriter secondaryCaptures = new SecondaryCaptureWriter();

    private Analyzer(List<ModelReader> models, AnalyzerOptions options) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an analyzer needs at least one model");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ModelReader m : models) {
            if (!ids.add(m.info().id())) {
                throw new IllegalArgumentException("model " + m.info().id() + " is loaded twice: give each package once");
            }
        }
        this.models = List.copyOf(models);
        this.options = options;
        for (ModelReader m : this.models) {
            warmUpArtefacts(m);
        }
    }

    /** Loads a model package (directory or zip) on the options' engine and warms everything up. */
    public static Analyzer load(Path modelPackage, AnalyzerOptions options) throws InvalidModelPackageException {
        return load(List.of(modelPackage), options);
    }

    /**
     * Loads several model packages; each image goes to the models whose input rules and checks accept it (a chest
     * radiograph to a chest model, a wrist to a fracture model), and is refused with every model's reason when none
     * does.
     */
    public static Analyzer load(List<Path> modelPackages, AnalyzerOptions options) throws InvalidModelPackageException {
        List<ModelReader> loaded = new ArrayList<>();
        try {
            for (Path p : modelPackages) {
                ModelPackage pkg = ModelPackage.load(p);
                loaded.add(new ModelReader(Detector.of(pkg, options.parallelism(), BoxExtractor.defaults(),
                        options.backend()), true));
            }
            return new Analyzer(loaded, options);
        } catch (InvalidModelPackageException | RuntimeException e) {
            loaded.forEach(ModelReader::close);
            throw e;
        }
    }

    /** An analyzer over an already loaded detector (not closed with the analyzer). */
    public static Analyzer of(Detector detector, AnalyzerOptions options) {
        return new Analyzer(List.of(new ModelReader(detector, false)), options);
    }

    /** The first model (the only one for a single package). */
    public ModelInfo model() {
        return models.get(0).info();
    }

    /** Every model, in load order. */
    public List<ModelInfo> models() {
        return models.stream().map(ModelReader::info).toList();
    }

    /** The first model's detector (for the bare forward time of benchmarks). */
    public Detector detector() {
        return models.get(0).detector();
    }

    /** The options. */
    public AnalyzerOptions options() {
        return options;
    }

    /** Whether every model compares images with its training images (its package has feature statistics). */
    public boolean checksFeatures() {
        return models.stream().allMatch(ModelReader::checksFeatures);
    }

    /** Things the user should know about this analyzer (e.g. a check that cannot run), said once at start. */
    public List<String> notes() {
        return models.stream().flatMap(m -> m.notes().stream()).toList();
    }

    /** Analyses a file; the outcome names it by its file name. Never throws for a bad file. */
    public AnalysisOutcome analyze(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        StageTimes.Recorder times = new StageTimes.Recorder();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return new AnalysisOutcome.Failed(name, "is a directory, not an image file", false, times.done());
            }
            long size = Files.size(file);
            if (size > RadiographReader.MAX_FILE_BYTES) {
                return new AnalysisOutcome.Failed(name, "file is " + size + " bytes, larger than the limit of "
                        + RadiographReader.MAX_FILE_BYTES, false, times.done());
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new AnalysisOutcome.Failed(name, "no such file", false, times.done());
        } catch (IOException e) {
            return new AnalysisOutcome.Failed(name, "cannot read file (" + e.getMessage() + ")", false, times.done());
        }
        times.mark(Stage.READ);
        return run(bytes, name, name, times);
    }

    /** Analyses the bytes of a whole file; {@code name} labels messages, {@code imageId} goes into the JSON. */
    public AnalysisOutcome analyze(byte[] bytes, String name, String imageId) {
        return run(bytes, name, imageId, new StageTimes.Recorder());
    }

    /**
     * The pipeline: the header routes the image to the models whose rules accept it; the pixels are decoded once
     * and checked once; each accepted model reads it (its feature check may still refuse it).
     */
    private AnalysisOutcome run(byte[] bytes, String name, String imageId, StageTimes.Recorder times) {
        Language lang = options.language();
        try {
            Map<ModelReader, List<String>> accepted = new java.util.LinkedHashMap<>();
            List<Refusal> refusals = new ArrayList<>();
            Optional<DicomObject> header = dicomHeader(bytes, name);
            for (ModelReader m : models) {
                if (header.isEmpty()) {
                    accepted.put(m, new ArrayList<>());
                    continue;
                }
                InputVerdict v = m.headerCheck().check(header.get());
                if (v instanceof InputVerdict.Refused r) {
                    refusals.add(new Refusal(m, r));
                } else {
                    accepted.put(m, new ArrayList<>(v.warnings()));
                }
            }
            if (header.isPresent()) {
                times.mark(Stage.HEADER_CHECK);
            }
            if (accepted.isEmpty()) {
                return refused(name, imageId, refusals, times);
            }

            Radiograph radiograph = RadiographReader.read(bytes, name);
            GrayImage display = radiograph.display();
            times.mark(Stage.DECODE);

            PictureStatistics statistics = PictureStatistics.of(display);
            for (var it = accepted.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                InputVerdict picture = e.getKey().pictureCheck().check(radiograph, statistics);
                if (picture instanceof InputVerdict.Refused r) {
                    refusals.add(new Refusal(e.getKey(), r));
                    it.remove();
                }
            }
            times.mark(Stage.PICTURE_CHECK);
            if (accepted.isEmpty()) {
                return refused(name, imageId, refusals, times);
            }

            List<Reading> readings = new ArrayList<>();
            List<Double> distances = new ArrayList<>();
            for (var e : accepted.entrySet()) {
                ModelReader m = e.getKey();
                Detection detection = m.detector().detect(display, m.gate(), stage -> times.mark(STAGES.get(stage)));
                if (detection instanceof Detection.Refused r) {
                    refusals.add(new Refusal(m, r.verdict()));
                    continue;
                }
                Detection.Read read = (Detection.Read) detection;
                List<String> warnings = e.getValue();
                warnings.addAll(read.warnings());
                if (!m.checksFeatures()) {
                    warnings.addAll(m.notes());
                }
                DetectionResult result = read.result();
                Analysis analysis = result.toAnalysis(imageId, m.info(), warnings);
                Artefacts artefacts = artefacts(m, analysis, display, radiograph.dicomHeader(), lang, times);
                readings.add(new Reading(analysis, new Artefacts(artefacts.json(), artefacts.overlay(), artefacts.sc(),
                        artefacts.sr(), result.heatMaps())));
                distances.add(read.relativeDistance());
            }
            if (readings.isEmpty()) {
                return refused(name, imageId, refusals, times);
            }
            if (header.isEmpty()) {
                readings = mostTypical(readings, distances);
            }
            return new AnalysisOutcome.Analyzed(name, readings, times.done());
        } catch (ImageReadException e) {
            return new AnalysisOutcome.Failed(name, e.problem(), false, times.done());
        } catch (DetectionException e) {
            return new AnalysisOutcome.Failed(name, Thread.currentThread().isInterrupted() ? "interrupted"
                    : "the analysis failed (" + e.getMessage() + ")", true, times.done());
        } catch (OutOfMemoryError e) {
            return new AnalysisOutcome.Failed(name, "out of memory while analysing this image", true, times.done());
        } catch (Exception e) {
            return new AnalysisOutcome.Failed(name, "the analysis failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, times.done());
        }
    }

    /**
     * For an image without a header that several models read, the reading of the model to which it looks most
     * typical (the smallest feature distance relative to that model's limit): a picture of a hip goes to the fracture
     * model even when the chest model's feature check lets it through. When a model cannot tell (no feature
     * statistics), every reading is kept.
     */
    static List<Reading> mostTypical(List<Reading> readings, List<Double> distances) {
        if (readings.size() < 2 || distances.stream().anyMatch(d -> Double.isNaN(d))) {
            return readings;
        }
        int best = 0;
        for (int i = 1; i < distances.size(); i++) {
            if (distances.get(i) < distances.get(best)) {
                best = i;
            }
        }
        return List.of(readings.get(best));
    }

    /** A model that did not read the image, and why. */
    private record Refusal(ModelReader model, InputVerdict.Refused verdict) {}

    /** The artefacts of an analysed image: JSON, overlay PNG, and for DICOM input the SC and the SR. */
    private Artefacts artefacts(ModelReader m, Analysis analysis, GrayImage display, Optional<DicomObject> header,
                                Language lang, StageTimes.Recorder times) {
        Producer producer = m.producer();
        byte[] json = AnalysisJson.bytes(analysis, lang);
        times.mark(Stage.JSON);
        boolean dicom = header.isPresent();
        boolean wantsPng = options.artefacts().contains(Artefact.OVERLAY);
        boolean wantsSc = dicom && options.artefacts().contains(Artefact.SECONDARY_CAPTURE);
        boolean wantsSr = dicom && options.artefacts().contains(Artefact.STRUCTURED_REPORT);
        Optional<byte[]> png = Optional.empty();
        Optional<byte[]> sc = Optional.empty();
        Optional<byte[]> sr = Optional.empty();
        BufferedImage picture = null;
        if (wantsPng || wantsSc) {
            picture = overlays.render(display, analysis, lang).image();
            times.mark(Stage.OVERLAY);
        }
        if (wantsPng) {
            png = Optional.of(PngEncoder.encode(picture, Map.of("Software", producer.software() + " "
                    + producer.softwareVersion(), "Description", stripAccents(lang.disclaimer()))));
            times.mark(Stage.PNG);
        }
        if (wantsSc || wantsSr) {
            SourceImage source = new SourceImage(header.get());
            OutputUids uids = options.uids().apply(source, m.info());
            if (wantsSc) {
                sc = Optional.of(secondaryCaptures.write(source, picture, producer, uids.scSeries(), uids.scInstance()));
                times.mark(Stage.SECONDARY_CAPTURE);
            }
            if (wantsSr) {
                sr = Optional.of(m.reports().write(source, analysis, lang, producer, uids.srSeries(), uids.srInstance()));
                times.mark(Stage.STRUCTURED_REPORT);
            }
        }
        return new Artefacts(json, png, sc, sr);
    }

    /**
     * No model read the image: one reason per model when several are loaded ("pleura-chest: ...; pleura-fracture:
     * ..."), the first model's check kind; the JSON names the first model and carries every reason.
     */
    private AnalysisOutcome refused(String name, String imageId, List<Refusal> refusals, StageTimes.Recorder times) {
        String reason;
        if (refusals.size() == 1) {
            reason = refusals.get(0).verdict().reason();
        } else {
            List<String> each = new ArrayList<>();
            refusals.forEach(r -> each.add(r.model().info().id() + ": " + r.verdict().reason()));
            reason = "no model reads this image (" + String.join("; ", each) + ")";
        }
        InputVerdict.Kind kind = refusals.get(0).verdict().kind();
        ModelInfo first = refusals.get(0).model().info();
        Analysis analysis = new Analysis(imageId, first, null, List.of(),
                List.of(options.language().refused() + ": " + reason));
        byte[] json = AnalysisJson.bytes(analysis, options.language());
        times.mark(Stage.JSON);
        return new AnalysisOutcome.Refused(name, kind, reason, analysis, Artefacts.jsonOnly(json), times.done());
    }

    /** The DICOM header without pixel data when the bytes are DICOM; a broken header is a read failure. */
    private static Optional<DicomObject> dicomHeader(byte[] bytes, String name) throws ImageReadException {
        if (SourceFormat.sniff(bytes, bytes.length) != SourceFormat.DICOM) {
            return Optional.empty();
        }
        try {
            return Optional.of(DicomReader.read(bytes, ReadOptions.HEADER_ONLY).dataset());
        } catch (DicomException e) {
            throw new ImageReadException(name, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ImageReadException(name, "could not read this DICOM header (" + e + ")", e);
        }
    }

    /** PNG text chunks are Latin-1: keep the sentence readable without accents it cannot carry. */
    private static String stripAccents(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('\u0152', 'O').replace('\u0153', 'o');
    }

    /** Renders and writes every artefact once on a synthetic image, so that the first real image is not slower. */
    private void warmUpArtefacts(ModelReader m) {
        int s = 256;
        float[] px = new float[s * s];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % s) / (float) s;
        }
        GrayImage ramp = new GrayImage(s, s, px);
        try {
            DetectionResult r = m.detector().detect(ramp);
            Analysis a = r.toAnalysis("warm-up", m.info(), List.of());
            DicomObject header = DicomObject.builder()
                    .putString(org.pleura.dicom.Tag.SOPClassUID, org.pleura.dicom.UID.DX_IMAGE_STORAGE_PRESENTATION)
                    .putString(org.pleura.dicom.Tag.SOPInstanceUID, org.pleura.dicom.UID.generate())
                    .putString(org.pleura.dicom.Tag.StudyInstanceUID, org.pleura.dicom.UID.generate())
                    .build();
            artefacts(m, a, ramp, Optional.of(header), options.language(), new StageTimes.Recorder());
        } catch (Exception e) {
            throw new IllegalStateException("the analysis pipeline failed its warm-up: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        models.forEach(ModelReader::close);
    }
}
