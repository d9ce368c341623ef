package org.pleura.server.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pleura.model.catalogue.Finding;
import org.pleura.server.auth.Access;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;

/**
 * {@code GET /fhir/DiagnosticReport?study=UID}: the study's results as a FHIR R4 searchset bundle
 * ({@link FhirReport}), {@code application/fhir+json}; read access needed, and audited like every read of patient
 * data. A study unknown or not analysed yet gives an empty bundle ({@code total} 0), as a FHIR search does.
 */
public final class FhirApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Queries queries;
    private final DataDirectory dir;
    private final Function<String, Optional<Finding>> findings;
    private final Clock clock;

    public FhirApi(Queries queries, DataDirectory dir, Function<String, Optional<Finding>> findings, Clock clock) {
        this.queries = queries;
        this.dir = dir;
        this.findings = findings;
        this.clock = clock;
    }

    /** Registers the route. */
    public void register(RouteTable routes) {
        routes.get("/fhir/DiagnosticReport", Access.READ, this::search);
    }

    private void search(Context ctx) throws IOException {
        String study = ctx.queryParam("study");
        if (study == null || !study.strip().matches("[0-9.]{1,64}")) {
            throw ProblemException.badRequest("give the study: /fhir/DiagnosticReport?study=STUDY_INSTANCE_UID");
        }
        List<FhirReport.Image> images = new ArrayList<>();
        if (queries.study(study.strip()).isPresent()) {
            for (Rows.Series se : queries.seriesOfStudy(study.strip())) {
                for (Rows.Instance i : queries.instancesOfSeries(se.seriesUid())) {
                    Optional<Rows.Result> r = queries.result(i.pk());
                    if (r.isPresent() && r.get().jsonPath() != null) {
                        Path file = dir.resolve(r.get().jsonPath());
                        if (Files.isRegularFile(file)) {
                            JsonNode analysis = JSON.readTree(file.toFile());
                            images.add(new FhirReport.Image(i.sopUid(), se.bodyPart() == null ? "" : se.bodyPart(),
                                    analysis));
                        }
                    }
                }
            }
        }
        ctx.contentType(FhirReport.MEDIA_TYPE).result(FhirReport.json(FhirReport.bundle(study.strip(), images,
                findings, Date.from(clock.instant()))));
    }
}
