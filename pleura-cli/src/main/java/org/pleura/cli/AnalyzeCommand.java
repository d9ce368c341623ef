package org.pleura.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.image.SourceFormat;
import org.pleura.model.Detector;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.results.Language;
import org.pleura.results.json.AnalysisJson;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;
import org.pleura.results.pipeline.Artefacts;
import org.pleura.results.pipeline.Reading;
import org.pleura.server.fhir.FhirReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code pleura analyze FILE... [--out DIR] [--json] [--model PKG] [--lang en|fr]}: reads radiographs with a model
 * and prints one row per image (positive and doubtful findings with their scores, "no finding above threshold",
 * or why the image was refused); {@code --json} prints the Analysis JSON instead (one line per image); with
 * {@code --out DIR}, writes per input {@code NAME.json}, {@code NAME.overlay.png}, and for DICOM input
 * {@code NAME.sc.dcm}, {@code NAME.sr.dcm} and {@code NAME.fhir.json} (a FHIR R4 Bundle). Directories are walked (files that are not DICOM, PNG or JPEG are
 * skipped); a bad file is reported with its name and reason and does not stop the others. Exit status 0 when every
 * image was analysed, 1 when any was refused or failed. Wiring only: the pipeline is {@link Analyzer}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Read chest radiographs (DICOM, PNG, JPEG) with the model: findings, scores, calls and regions.",
                "An aid to the reader, not a diagnosis: every result must be checked by a qualified reader.",
                "Images that are not frontal chest radiographs (CT, MR, ultrasound, lateral views, photographs,",
                "blank or saturated images...) are refused with the reason, without any score.",
                "Exit status: 0 all analysed, 1 some refused or failed, 2 usage error."})
public final class AnalyzeCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Radiographs or folders of radiographs.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write NAME.json, NAME.overlay.png and, for DICOM input, NAME.sc.dcm, NAME.sr.dcm and "
                    + "NAME.fhir.json (FHIR R4 DiagnosticReport and Observations) here.")
    Path out;

    @Option(names = "--json", description = "Print the Analysis JSON of each image (one line each) instead of a row.")
    boolean json;

    @Option(names = "--model", paramLabel = "PKG",
            description = "Model package (folder or zip); repeat for several. Default: every package under models/ "
                    + "(each image goes to the models whose input rules accept it).")
    List<Path> model = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "en|fr", defaultValue = "en",
            description = "Language of finding names and texts (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--threads", defaultValue = "1",
            description = "Images analysed at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--engine", defaultValue = "onnx", paramLabel = "onnx|djl",
            description = "Engine running the network: onnx (ONNX Runtime, faster) or djl (PyTorch) (default: ${DEFAULT-VALUE}).")
    String engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Language language;
        try {
            language = Language.parse(lang);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang: " + e.getMessage());
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Detector.Backend backend = switch (engine.toLowerCase(Locale.ROOT)) {
            case "onnx", "onnxruntime" -> Detector.Backend.ONNX_RUNTIME;
            case "djl", "pytorch" -> Detector.Backend.DJL_PYTORCH;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--engine must be onnx or djl");
        };
        Inputs found = collect(inputs);
        if (out != null) {
            Files.createDirectories(out);
        }
        List<Path> pkgs = model.isEmpty() ? DefaultModel.locateAll() : model;
        Set<Artefact> wanted = out != null ? EnumSet.allOf(Artefact.class) : EnumSet.of(Artefact.JSON);
        AnalyzerOptions options = AnalyzerOptions.defaults().withLanguage(language).withArtefacts(wanted)
                .withBackend(backend, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));

        int analysed = 0;
        int refused = 0;
        int failed = found.missing().size();
        try (Analyzer analyzer = Analyzer.load(pkgs, options)) {
            if (!json) {
                List<String> names = analyzer.models().stream().map(m -> m.id() + " " + m.version()).toList();
                stdout.printf("Pleura %s, model%s %s: %s%n", org.pleura.results.dicom.Producer.PLEURA_VERSION,
                        names.size() == 1 ? "" : "s", String.join(", ", names), language.disclaimer());
            }
            for (String note : analyzer.notes()) {
                stderr.println("pleura analyze: note: " + note);
            }
            for (String missing : found.missing()) {
                stderr.println("pleura analyze: " + missing);
            }
            Names names = new Names();
            List<AnalysisOutcome> outcomes = analyse(analyzer, found.files());
            for (int i = 0; i < outcomes.size(); i++) {
                AnalysisOutcome o = outcomes.get(i);
                Path file = found.files().get(i);
                if (o instanceof AnalysisOutcome.Analyzed a) {
                    analysed++;
                    boolean several = analyzer.models().size() > 1;
                    for (Reading reading : a.readings()) {
                        print(stdout, reading.analysis(), several ? a.source() + " [" + reading.analysis().model().id()
                                + "]" : a.source(), language);
                    }
                } else if (o instanceof AnalysisOutcome.Refused r) {
                    refused++;
                    if (json) {
                        stdout.println(compact(r.analysis(), language));
                    } else {
                        stdout.printf("%s  %s: %s%n", r.source(), language.refused().toUpperCase(Locale.ROOT), r.reason());
                    }
                } else if (o instanceof AnalysisOutcome.Failed f) {
                    failed++;
                    stderr.println("pleura analyze: " + f.source() + ": " + f.problem());
                    if (!json) {
                        stdout.printf("%s  FAILED: %s%n", f.source(), f.problem());
                    }
                }
                if (out != null) {
                    failed += write(o, file, names, stderr) ? 0 : 1;
                }
            }
        }
        if (!json) {
            stdout.printf("%d analysed, %d refused, %d failed%s%s%n", analysed, refused, failed,
                    found.skipped() == 0 ? "" : ", " + found.skipped() + " files skipped (not DICOM, PNG or JPEG)",
                    out == null ? "" : "; results in " + out);
        }
        stdout.flush();
        return refused + failed == 0 ? 0 : 1;
    }

    private List<AnalysisOutcome> analyse(Analyzer analyzer, List<Path> files) throws Exception {
        List<AnalysisOutcome> outcomes = new ArrayList<>();
        if (threads == 1 || files.size() < 2) {
            for (Path f : files) {
                outcomes.add(analyzer.analyze(f));
            }
            return outcomes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<AnalysisOutcome>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> analyzer.analyze(f)));
            }
            for (Future<AnalysisOutcome> fu : futures) {
                outcomes.add(fu.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private void print(PrintWriter stdout, Analysis a, String source, Language language) {
        if (json) {
            stdout.println(compact(a, language));
            return;
        }
        List<String> positive = new ArrayList<>();
        List<String> doubtful = new ArrayList<>();
        for (FindingResult r : a.results()) {
            String s = language.name(r.finding()) + " " + score(r.score());
            if (r.call() == Call.POSITIVE) {
                positive.add(s);
            } else if (r.call() == Call.DOUBTFUL) {
                doubtful.add(s);
            }
        }
        StringBuilder row = new StringBuilder(source).append("  ");
        if (positive.isEmpty() && doubtful.isEmpty()) {
            row.append(language.noFinding().toLowerCase(Locale.ROOT));
        } else {
            if (!positive.isEmpty()) {
                row.append(language.call(Call.POSITIVE)).append(": ").append(String.join(", ", positive));
            }
            if (!doubtful.isEmpty()) {
                row.append(positive.isEmpty() ? "" : "; ").append(language.call(Call.DOUBTFUL)).append(": ")
                        .append(String.join(", ", doubtful));
            }
        }
        row.append("  (").append(language.name(a.abnormal().finding()).toLowerCase(Locale.ROOT)).append(' ')
                .append(score(a.abnormal().score())).append(')');
        stdout.println(row);
    }

    private static String compact(Analysis a, Language language) {
        return AnalysisJson.toTree(a, language).toString();
    }

    /** Writes an outcome's artefacts into the output folder; false (and a message) when that failed. */
    private boolean write(AnalysisOutcome o, Path file, Names names, PrintWriter stderr) {
        if (o instanceof AnalysisOutcome.Analyzed a) {
            String name = names.unique(o.source());
            boolean ok = true;
            for (Reading r : a.readings()) {
                // one model: NAME.json; several models read the image: NAME.MODEL-ID.json for each
                String base = a.readings().size() == 1 ? name : name + "." + r.analysis().model().id();
                ok &= write(o.source(), base, r.artefacts(), stderr);
                if (r.artefacts().sr().isPresent()) {
                    ok &= writeFhir(o.source(), file, base, r, stderr);
                }
            }
            return ok;
        }
        if (o instanceof AnalysisOutcome.Refused r) {
            return write(o.source(), names.unique(o.source()), r.artefacts(), stderr);
        }
        return true;
    }

    private boolean write(String source, String name, Artefacts x, PrintWriter stderr) {
        try {
            Files.write(out.resolve(name + ".json"), x.json());
            if (x.overlay().isPresent()) {
                Files.write(out.resolve(name + ".overlay.png"), x.overlay().get());
            }
            if (x.sc().isPresent()) {
                Files.write(out.resolve(name + ".sc.dcm"), x.sc().get());
            }
            if (x.sr().isPresent()) {
                Files.write(out.resolve(name + ".sr.dcm"), x.sr().get());
            }
            return true;
        } catch (IOException e) {
            stderr.println("pleura analyze: " + source + ": cannot write results in " + out + ": " + Messages.of(e));
            return false;
        }
    }

    /**
     * Writes {@code NAME.fhir.json} for a DICOM input: the reading as a FHIR R4 Bundle (a preliminary
     * DiagnosticReport for the image's study and one Observation per finding, as {@code GET /fhir/DiagnosticReport}
     * of {@code pleura serve} answers).
     */
    private boolean writeFhir(String source, Path file, String name, Reading r, PrintWriter stderr) {
        try {
            DicomObject header = DicomReader.read(file, ReadOptions.HEADER_ONLY).dataset();
            String study = header.getString(Tag.StudyInstanceUID, "");
            String sop = header.getString(Tag.SOPInstanceUID, "");
            if (study.isEmpty() || sop.isEmpty()) {
                stderr.println("pleura analyze: note: " + source + ": no Study or SOP Instance UID, no FHIR report");
                return true;
            }
            JsonNode analysis = MAPPER.readTree(r.artefacts().json());
            Bundle bundle = FhirReport.bundle(study, List.of(new FhirReport.Image(sop,
                    header.getString(Tag.BodyPartExamined, ""), analysis)), id -> r.analysis().results().stream()
                    .map(FindingResult::finding).filter(f -> f.id().equals(id)).findFirst(), new Date());
            Files.writeString(out.resolve(name + ".fhir.json"), FhirReport.json(bundle));
            return true;
        } catch (IOException e) {
            stderr.println("pleura analyze: " + source + ": cannot write the FHIR report in " + out + ": "
                    + Messages.of(e));
            return false;
        }
    }

    /** Output base names: the file name without its extension, made unique with -2, -3... */
    static final class Names {
        private final Set<String> used = new HashSet<>();

        synchronized String unique(String fileName) {
            int dot = fileName.lastIndexOf('.');
            String base = dot > 0 ? fileName.substring(0, dot) : fileName;
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i;
            }
            return name;
        }
    }

    /** The files to analyse, the inputs that do not exist, and how many files of walked folders were skipped. */
    record Inputs(List<Path> files, List<String> missing, int skipped) {
    }

    static Inputs collect(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int skipped = 0;
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> walked;
                try (Stream<Path> s = Files.walk(p)) {
                    walked = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : walked) {
                    if (isImageFile(f)) {
                        files.add(f);
                    } else {
                        skipped++;
                    }
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                missing.add(p + ": no such file or directory");
            }
        }
        return new Inputs(files, missing, skipped);
    }

    private static boolean isImageFile(Path f) {
        try (var in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(132);
            return SourceFormat.sniff(head, head.length) != SourceFormat.UNKNOWN;
        } catch (IOException e) {
            return true; // let the analysis report why it cannot be read
        }
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    /** Runs the command alone (e.g. from a class path without the rest of the CLI). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AnalyzeCommand()).execute(args));
    }
}
