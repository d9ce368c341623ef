package org.pleura.server.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.catalogue.Urgency;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.ModelInfo;
import org.pleura.server.PleuraServer;
import org.pleura.server.analysis.AnalysisJobOutcome;
import org.pleura.server.analysis.AnalysisRequest;
import org.pleura.server.analysis.AnalysisService;
import org.pleura.server.analysis.ResultFiles;
import org.pleura.server.dimse.SendOutcome;
import org.pleura.server.http.AccessPolicy;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.Pictures;
import org.pleura.server.testing.TestClock;
import org.pleura.server.testing.TestNode;

/**
 * The worklist order. A model cannot be made to call what a test wants, so the analysis here is scripted: the
 * first pixel of each uploaded picture chooses which finding of the catalogue is called (by urgency, not by id).
 */
class WorklistTest {

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    /** Pixel 0 = 0: all negative; 1: a follow-up finding positive; 2: an urgent finding positive; 3: doubtful. */
    static final class ScriptedAnalysis implements AnalysisService {
        final FindingCatalogue catalogue = FindingCatalogue.chest();

        Finding first(Urgency u) {
            return catalogue.findings().stream().filter(f -> f.urgency() == u).findFirst().orElseThrow();
        }

        @Override
        public Optional<ModelInfo> model() {
            return Optional.of(new ModelInfo("scripted", "1"));
        }

        @Override
        public AnalysisJobOutcome analyze(AnalysisRequest request) {
            int marker;
            try {
                BufferedImage img = ImageIO.read(request.file().toFile());
                marker = img.getRaster().getSample(0, 0, 0);
            } catch (IOException e) {
                return new AnalysisJobOutcome.Failed(e.getMessage(), false);
            }
            List<FindingResult> results = new ArrayList<>();
            for (Finding f : catalogue.findings()) {
                Call call = Call.NEGATIVE;
                if (marker == 1 && f.equals(first(Urgency.FOLLOW_UP))) {
                    call = Call.POSITIVE;
                } else if (marker == 2 && f.equals(first(Urgency.URGENT))) {
                    call = Call.POSITIVE;
                } else if (marker == 3 && f.equals(first(Urgency.URGENT))) {
                    call = Call.DOUBTFUL;
                }
                results.add(new FindingResult(f, call == Call.NEGATIVE ? 0.1 : 0.9, call, List.of()));
            }
            FindingResult abnormal = new FindingResult(catalogue.studyLevel(), marker == 0 ? 0.1 : 0.9,
                    marker == 0 ? Call.NEGATIVE : Call.POSITIVE, List.of());
            Analysis a = new Analysis(request.imageId(), model().get(), abnormal, results, List.of());
            return new AnalysisJobOutcome.Analysed(a, new ResultFiles(
                    Optional.of("{}".getBytes(StandardCharsets.UTF_8)), Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }

        @Override
        public void close() {
        }
    }

    private String upload(Http http, int marker, long seed) throws Exception {
        var r = http.post("/api/images", Pictures.png(64, marker, seed));
        assertEquals(202, r.statusCode(), new String(r.body()));
        return Http.parse(r.body()).get("studyInstanceUid").asText();
    }

    private List<String> order(Http http, String query) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode s : http.json("/api/worklist" + query, 200).get("studies")) {
            out.add(s.get("studyInstanceUid").asText());
        }
        return out;
    }

    private void awaitAnalysed(Http http, int n) throws InterruptedException {
        Jobs.await(server, Duration.ofMinutes(1), n + " analyses", () -> {
            try {
                return http.json("/api/jobs?kind=analyze&state=done", 200).size() == n;
            } catch (Exception e) {
                return false;
            }
        });
    }

    final TestClock clock = new TestClock();

    @Test
    void urgentPositivesFirstThenDoubtfulThenFollowUpThenTheRestAndTheOverdueOnTop() throws Exception {
        server = TestNode.start(tmp.resolve("data"), b -> b.worklistMaxWait(Duration.ofSeconds(6)),
                c -> PleuraServer.start(c, new ScriptedAnalysis(), (d, f) -> new SendOutcome.Acknowledged(),
                        AccessPolicy.OPEN, clock));
        Http http = server.http();
        String oldNormal = upload(http, 0, 1);
        awaitAnalysed(http, 1);
        clock.advance(Duration.ofMillis(6500));
        String normal = upload(http, 0, 2);
        String followUp = upload(http, 1, 3);
        String urgent = upload(http, 2, 4);
        String doubtful = upload(http, 3, 5);
        String urgent2 = upload(http, 2, 6);
        awaitAnalysed(http, 6);

        assertEquals(List.of(oldNormal, urgent, urgent2, doubtful, followUp, normal), order(http, ""),
                "overdue first; then by level, oldest first within a level");
        List<String> reading = new ArrayList<>();
        for (JsonNode s : http.json("/api/reading/worklist", 200).get("studies")) {
            reading.add(s.get("studyInstanceUid").asText());
        }
        assertEquals(order(http, ""), reading, "one rule: the reading room lists the studies in the REST API's order");
        JsonNode list = http.json("/api/worklist", 200);
        JsonNode top = list.get("studies").get(0);
        assertTrue(top.get("overdue").asBoolean());
        assertEquals("routine", top.get("level").asText());
        JsonNode second = list.get("studies").get(1);
        assertFalse(second.get("overdue").asBoolean());
        assertEquals("urgent_positive", second.get("level").asText());
        String urgentId = FindingCatalogue.chest().findings().stream().filter(f -> f.urgency() == Urgency.URGENT)
                .findFirst().orElseThrow().id();
        assertEquals(urgentId + " positive", second.get("findings").asText());
        assertEquals(urgentId, second.get("calls").get(0).get("finding").asText());
        assertEquals("positive", second.get("calls").get(0).get("call").asText());
        assertEquals("doubtful", list.get("studies").get(3).get("level").asText());
        assertEquals("follow_up", list.get("studies").get(4).get("level").asText());
        assertTrue(list.get("disclaimer").asText().contains("not a diagnosis"));

        assertEquals(List.of(urgent, urgent2, doubtful), order(http, "?level=doubtful"),
                "a level filter keeps that level and the more urgent ones");
        assertEquals(List.of(urgent2, doubtful), order(http, "?level=doubtful&offset=1&limit=2"));
        assertEquals(6, order(http, "?limit=1000").size(), "pages up to 1000 studies, as the OpenAPI document says");
        http.json("/api/worklist?limit=1001", 400);
        http.json("/api/reading/worklist?limit=1000", 200);
    }

    @Test
    void levelsComeFromTheCatalogueUrgency() {
        assertEquals(TriageLevel.URGENT_POSITIVE, TriageLevel.levelOf(Urgency.URGENT, Call.POSITIVE));
        assertEquals(TriageLevel.DOUBTFUL, TriageLevel.levelOf(Urgency.URGENT, Call.DOUBTFUL));
        assertEquals(TriageLevel.FOLLOW_UP, TriageLevel.levelOf(Urgency.FOLLOW_UP, Call.POSITIVE));
        assertEquals(TriageLevel.FOLLOW_UP, TriageLevel.levelOf(Urgency.FOLLOW_UP, Call.DOUBTFUL));
        assertEquals(TriageLevel.ROUTINE, TriageLevel.levelOf(Urgency.ROUTINE, Call.POSITIVE));
        assertEquals(TriageLevel.ROUTINE, TriageLevel.levelOf(Urgency.URGENT, Call.NEGATIVE));
    }
}
