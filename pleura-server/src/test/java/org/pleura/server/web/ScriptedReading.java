package org.pleura.server.web;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.catalogue.Urgency;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.ModelInfo;
import org.pleura.model.result.Region;
import org.pleura.results.Language;
import org.pleura.results.json.AnalysisJson;
import org.pleura.server.analysis.AnalysisJobOutcome;
import org.pleura.server.analysis.AnalysisRequest;
import org.pleura.server.analysis.AnalysisService;
import org.pleura.server.analysis.ResultFiles;

/**
 * A scripted reading for the browser test: a model cannot be made to call what a test wants, so the accession
 * number of each DICOM image chooses the result (pictures are all negative). Findings are picked by their
 * catalogue urgency among the outputs of the test model, never by id; boxes sit where a reader would look.
 * The JSON written is the real Analysis JSON.
 */
final class ScriptedReading implements AnalysisService {

    /** Accession numbers and the level they give. */
    static final String URGENT = "E2E-URGENT";
    static final String DOUBTFUL = "E2E-DOUBTFUL";
    static final String FOLLOW_UP = "E2E-FOLLOWUP";
    static final String ROUTINE = "E2E-ROUTINE";

    private final FindingCatalogue catalogue = FindingCatalogue.chest();
    private final List<Finding> outputs;
    private final ModelInfo model = new ModelInfo("pleura-e2e-scripted", "1.0");

    /** @param outputs the finding ids the model reads (the test model's outputs, without the study level) */
    ScriptedReading(List<String> outputs) {
        this.outputs = outputs.stream().filter(id -> !id.equals(catalogue.studyLevel().id())).map(catalogue::get)
                .toList();
    }

    /** The first finding read with this urgency. */
    Finding first(Urgency u) {
        return outputs.stream().filter(f -> f.urgency() == u).findFirst().orElseThrow();
    }

    /** A read finding other than the two used for calls (the one a radiologist adds as missed). */
    Finding other() {
        return outputs.stream().filter(f -> !f.equals(first(Urgency.URGENT)) && !f.equals(first(Urgency.FOLLOW_UP)))
                .findFirst().orElseThrow();
    }

    @Override
    public Optional<ModelInfo> model() {
        return Optional.of(model);
    }

    @Override
    public AnalysisJobOutcome analyze(AnalysisRequest request) {
        String accession;
        int w;
        int h;
        try {
            Path file = request.file();
            if (isDicom(file)) {
                DicomFile f = DicomReader.read(file, ReadOptions.HEADER_ONLY);
                DicomObject d = f.dataset();
                accession = d.getString(Tag.AccessionNumber, "");
                w = d.getInt(Tag.Columns, 0);
                h = d.getInt(Tag.Rows, 0);
            } else {
                BufferedImage img = ImageIO.read(file.toFile());
                accession = "";
                w = img.getWidth();
                h = img.getHeight();
            }
        } catch (IOException | RuntimeException e) {
            return new AnalysisJobOutcome.Failed("cannot read: " + e.getMessage(), false);
        }
        Finding urgent = first(Urgency.URGENT);
        Finding follow = first(Urgency.FOLLOW_UP);
        List<FindingResult> results = new ArrayList<>();
        for (Finding f : outputs) {
            Call call = Call.NEGATIVE;
            double score = 0.08 + 0.03 * results.size();
            List<Region> regions = List.of();
            if (accession.equals(URGENT) && f.equals(urgent)) {
                call = Call.POSITIVE;
                score = 0.91;
                regions = List.of(new Region(0.58 * w, 0.12 * h, 0.26 * w, 0.30 * h, 0.88));
            } else if (accession.equals(URGENT) && f.equals(follow)) {
                call = Call.DOUBTFUL;
                score = 0.47;
                regions = List.of(new Region(0.14 * w, 0.62 * h, 0.28 * w, 0.22 * h, 0.41));
            } else if (accession.equals(DOUBTFUL) && f.equals(urgent)) {
                call = Call.DOUBTFUL;
                score = 0.52;
                regions = List.of(new Region(0.16 * w, 0.10 * h, 0.24 * w, 0.26 * h, 0.5));
            } else if (accession.equals(FOLLOW_UP) && f.equals(follow)) {
                call = Call.POSITIVE;
                score = 0.77;
                regions = List.of(new Region(0.55 * w, 0.58 * h, 0.30 * w, 0.25 * h, 0.72));
            }
            results.add(new FindingResult(f, score, call, regions));
        }
        boolean abnormal = results.stream().anyMatch(r -> r.call() != Call.NEGATIVE);
        FindingResult study = new FindingResult(catalogue.studyLevel(), abnormal ? 0.86 : 0.12,
                abnormal ? Call.POSITIVE : Call.NEGATIVE, List.of());
        Analysis a = new Analysis(request.imageId(), model, study, results, List.of());
        Map<String, HeatMap> maps = new LinkedHashMap<>();
        for (FindingResult r : results) {
            maps.put(r.finding().id(), heatMap(r, w, h));
        }
        return new AnalysisJobOutcome.Analysed(a, new ResultFiles(Optional.of(AnalysisJson.bytes(a, Language.FR)),
                Optional.empty(), Optional.empty(), Optional.empty(), maps));
    }

    /** A 16 x 16 grid with a bump on each region (or a faint one in the middle), like a class activation map. */
    private static HeatMap heatMap(FindingResult r, int w, int h) {
        int n = 16;
        float[] v = new float[n * n];
        List<Region> spots = r.regions().isEmpty() ? List.of(new Region(0.4 * w, 0.4 * h, 0.2 * w, 0.2 * h, 0.1))
                : r.regions();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = (i + 0.5) * w / n;
                double y = (j + 0.5) * h / n;
                double sum = 0;
                for (Region g : spots) {
                    double dx = (x - g.centerX()) / (0.6 * g.w());
                    double dy = (y - g.centerY()) / (0.6 * g.h());
                    sum += r.score() * Math.exp(-(dx * dx + dy * dy));
                }
                v[j * n + i] = (float) sum;
            }
        }
        return new HeatMap(r.finding().id(), n, n, v, w, h);
    }

    private static boolean isDicom(Path file) throws IOException {
        byte[] head = new byte[132];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 132);
            return n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        }
    }

    @Override
    public void close() {
    }
}
