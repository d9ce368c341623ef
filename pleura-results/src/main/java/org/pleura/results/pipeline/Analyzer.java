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
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.Detection;
import org.pleura.model.DetectionException;
import org.pleura.model.DetectionStage;
import org.pleura.model.check.FeatureCheck;
import org.pleura.model.check.FeatureGate;
import org.pleura.model.check.FeatureStatistics;
import org.pleura.model.check.HeaderCheck;
import org.pleura.model.check.InputVerdict;
import org.pleura.model.check.PictureCheck;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.results.Language;
import org.pleura.results.dicom.OutputUids;
import org.pleura.results.dicom.Producer;
import org.pleura.results.dicom.SecondaryCaptureWriter;
import org.pleura.results.dicom.SourceImage;
import org.pleura.results.dicom.StructuredReportWriter;
import org.pleura.results.json.AnalysisJson;
import org.pleura.results.overlay.OverlayRenderer;
import org.pleura.results.overlay.PngEncoder;

/**
 * Pleura's analysis pipeline, composed in one place and read top to bottom in {@link #analyze(byte[], String,
 * String)}: read the file, check the DICOM header, decode the pixels with their display pipeline, check the
 * picture, preprocess, run the network, check the network's features against its training images, postprocess
 * into scores, calls, heat maps and boxes, then write the artefacts (JSON, overlay PNG, and for DICOM input the
 * Secondary Capture and the Structured Report). No score is produced for an image an input check refuses.
 *
 * <p>The model is loaded once and warmed up (network and artefact writers) when the analyzer is built; the analyzer
 * is thread-safe, so the CLI and the server share one across threads.
 *
 * <pre>{@code
 * try (Analyzer analyzer = Analyzer.load(Path.of("models/pleura-chest-v1"), AnalyzerOptions.defaults())) {
 *     AnalysisOutcome outcome = analyzer.analyze(Path.of("chest.dcm"));
 * }
 * }</pre>
 */
public final class Analyzer implements AutoCloseable {

    private final Detector detector;
    private final boolean ownsDetector;
    private final AnalyzerOptions options;
    private final FindingCatalogue catalogue;
    private final FeatureGate gate;
    private static final java.util.Map<DetectionStage, Stage> STAGES = java.util.Map.of(
            DetectionStage.PREPROCESS, Stage.PREPROCESS, DetectionStage.INFER, Stage.INFER,
            DetectionStage.FEATURE_CHECK, Stage.FEATURE_CHECK, DetectionStage.POSTPROCESS, Stage.POSTPROCESS);

    private final HeaderCheck headerCheck = new HeaderCheck();
    private final PictureCheck pictureCheck = new PictureCheck();
    private final Optional<FeatureCheck> featureCheck;
    private final List<String> notes;
    private final Producer producer;
    private final OverlayRenderer overlays = new OverlayRenderer();
    private final SecondaryCaptureWriter secondaryCaptures = new SecondaryCaptureWriter();
    private final StructuredReportWriter reports;

    private Analyzer(Detector detector, boolean ownsDetector, AnalyzerOptions options) {
        this.detector = detector;
        this.ownsDetector = ownsDetector;
        this.options = options;
        ModelPackage pkg = detector.modelPackage();
        ModelDescriptor d = pkg.descriptor();
        this.catalogue = pkg.catalogue();
        List<String> n = new ArrayList<>();
        Optional<FeatureCheck> fc = Optional.empty();
        try {
            Optional<FeatureStatistics> stats = FeatureStatistics.of(pkg);
            if (stats.isPresent()) {
                fc = Optional.of(new FeatureCheck(stats.get()));
            } else {
                n.add("model " + d.id() + " " + d.version() + " has no " + FeatureStatistics.FILE_NAME
                        + ": images were not compared with its training images (only the header and picture checks ran)");
            }
        } catch (InvalidModelPackageException | IllegalArgumentException e) {
            n.add(e.getMessage() + "; images were not compared with the model's training images");
        }
        this.featureCheck = fc;
        this.gate = fc.<FeatureGate>map(c -> c).orElse(FeatureGate.NONE);
        this.notes = List.copyOf(n);
        this.producer = Producer.pleura(detector.info());
        this.reports = new StructuredReportWriter(catalogue);
        warmUpArtefacts();
    }

    /** Loads a model package (directory or zip) on the options' engine and warms everything up. */
    public static Analyzer load(Path modelPackage, AnalyzerOptions options) throws InvalidModelPackageException {
        ModelPackage pkg = ModelPackage.load(modelPackage);
        Detector detector = Detector.of(pkg, options.parallelism(), BoxExtractor.defaults(), options.backend());
        try {
            return new Analyzer(detector, true, options);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /** An analyzer over an already loaded detector (not closed with the analyzer). */
    public static Analyzer of(Detector detector, AnalyzerOptions options) {
        return new Analyzer(detector, false, options);
    }

    /** The model that reads. */
    public ModelInfo model() {
        return detector.info();
    }

    /** The detector (for the bare forward time of benchmarks). */
    public Detector detector() {
        return detector;
    }

    /** The options. */
    public AnalyzerOptions options() {
        return options;
    }

    /** Whether images are compared with the model's training images (the package has feature statistics). */
    public boolean checksFeatures() {
        return featureCheck.isPresent();
    }

    /** Things the user should know about this analyzer (e.g. a check that cannot run), said once at start. */
    public List<String> notes() {
        return notes;
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

    /** The pipeline. */
    private AnalysisOutcome run(byte[] bytes, String name, String imageId, StageTimes.Recorder times) {
        Language lang = options.language();
        try {
            List<String> warnings = new ArrayList<>();

            Optional<DicomObject> header = dicomHeader(bytes, name);
            if (header.isPresent()) {
                InputVerdict v = headerCheck.check(header.get());
                times.mark(Stage.HEADER_CHECK);
                if (v instanceof InputVerdict.Refused r) {
                    return refused(name, imageId, r, warnings, times);
                }
                warnings.addAll(v.warnings());
            }

            Radiograph radiograph = RadiographReader.read(bytes, name);
            GrayImage display = radiograph.display();
            times.mark(Stage.DECODE);

            InputVerdict picture = pictureCheck.check(radiograph);
            times.mark(Stage.PICTURE_CHECK);
            if (picture instanceof InputVerdict.Refused r) {
                return refused(name, imageId, r, warnings, times);
            }

            Detection detection = detector.detect(display, gate, stage -> times.mark(STAGES.get(stage)));
            if (detection instanceof Detection.Refused r) {
                return refused(name, imageId, r.verdict(), warnings, times);
            }
            Detection.Read read = (Detection.Read) detection;
            warnings.addAll(read.warnings());
            if (featureCheck.isEmpty()) {
                warnings.addAll(notes);
            }
            DetectionResult result = read.result();
            Analysis analysis = result.toAnalysis(imageId, detector.info(), warnings);

            Artefacts artefacts = artefacts(analysis, display, radiograph.dicomHeader(), lang, times);
            artefacts = new Artefacts(artefacts.json(), artefacts.overlay(), artefacts.sc(), artefacts.sr(),
                    result.heatMaps());
            return new AnalysisOutcome.Analyzed(name, analysis, artefacts, times.done());
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

    /** The artefacts of an analysed image: JSON, overlay PNG, and for DICOM input the SC and the SR. */
    private Artefacts artefacts(Analysis analysis, GrayImage display, Optional<DicomObject> header, Language lang,
                                StageTimes.Recorder times) {
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
            OutputUids uids = options.uids().apply(source, detector.info());
            if (wantsSc) {
                sc = Optional.of(secondaryCaptures.write(source, picture, producer, uids.scSeries(), uids.scInstance()));
                times.mark(Stage.SECONDARY_CAPTURE);
            }
            if (wantsSr) {
                sr = Optional.of(reports.write(source, analysis, lang, producer, uids.srSeries(), uids.srInstance()));
                times.mark(Stage.STRUCTURED_REPORT);
            }
        }
        return new Artefacts(json, png, sc, sr);
    }

    private AnalysisOutcome refused(String name, String imageId, InputVerdict.Refused r, List<String> warnings,
                                    StageTimes.Recorder times) {
        List<String> w = new ArrayList<>();
        w.add(options.language().refused() + ": " + r.reason());
        w.addAll(warnings);
        Analysis analysis = new Analysis(imageId, detector.info(), null, List.of(), w);
        byte[] json = AnalysisJson.bytes(analysis, options.language());
        times.mark(Stage.JSON);
        return new AnalysisOutcome.Refused(name, r.kind(), r.reason(), analysis, Artefacts.jsonOnly(json),
                times.done());
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
    private void warmUpArtefacts() {
        int s = 256;
        float[] px = new float[s * s];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % s) / (float) s;
        }
        GrayImage ramp = new GrayImage(s, s, px);
        try {
            DetectionResult r = detector.detect(ramp);
            Analysis a = r.toAnalysis("warm-up", detector.info(), List.of());
            DicomObject header = DicomObject.builder()
                    .putString(org.pleura.dicom.Tag.SOPClassUID, org.pleura.dicom.UID.DX_IMAGE_STORAGE_PRESENTATION)
                    .putString(org.pleura.dicom.Tag.SOPInstanceUID, org.pleura.dicom.UID.generate())
                    .putString(org.pleura.dicom.Tag.StudyInstanceUID, org.pleura.dicom.UID.generate())
                    .build();
            artefacts(a, ramp, Optional.of(header), options.language(), new StageTimes.Recorder());
        } catch (Exception e) {
            throw new IllegalStateException("the analysis pipeline failed its warm-up: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsDetector) {
            detector.close();
        }
    }
}
