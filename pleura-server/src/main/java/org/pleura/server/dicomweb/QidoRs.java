package org.pleura.server.dicomweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.server.auth.Access;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.store.StudyQuery;

/**
 * QIDO-RS: {@code GET /dicomweb/studies}, {@code .../{study}/series} and {@code .../{series}/instances}: searches,
 * by PatientID, StudyDate (date or range), AccessionNumber and StudyInstanceUID for studies (by keyword or by tag);
 * {@code limit}, {@code offset}.
 */
final class QidoRs {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Tag RETRIEVE_URL = Tag.of(0x0008, 0x1190);
    private static final Tag STUDY_UID = Tag.of(0x0020, 0x000D);
    private static final Tag SERIES_UID = Tag.of(0x0020, 0x000E);
    private static final Tag STUDY_ID = Tag.of(0x0020, 0x0010);
    private static final Tag SERIES_NUMBER = Tag.of(0x0020, 0x0011);
    private static final Tag INSTANCE_NUMBER = Tag.of(0x0020, 0x0013);
    private static final Tag STUDY_SERIES = Tag.of(0x0020, 0x1206);
    private static final Tag STUDY_INSTANCES = Tag.of(0x0020, 0x1208);
    private static final Tag SERIES_INSTANCES = Tag.of(0x0020, 0x1209);
    private static final Tag ROWS = Tag.of(0x0028, 0x0010);
    private static final Tag COLUMNS = Tag.of(0x0028, 0x0011);
    private static final Tag AVAILABLE_TRANSFER_SYNTAX = Tag.of(0x0008, 0x3002);

    private final Queries queries;
    private final RetrieveUrls urls;

    QidoRs(Queries queries, RetrieveUrls urls) {
        this.queries = queries;
        this.urls = urls;
    }

    void register(RouteTable routes) {
        routes.get("/dicomweb/studies", Access.READ, this::searchStudies)
                .get("/dicomweb/studies/{study}/series", Access.READ, this::searchSeries)
                .get("/dicomweb/studies/{study}/series/{series}/instances", Access.READ, this::searchInstances);
    }

    private void searchStudies(Context ctx) throws IOException {
        String[] dates;
        StudyQuery q;
        try {
            dates = StudyQuery.dateRange(param(ctx, "StudyDate", "00080020"));
            q = new StudyQuery(param(ctx, "PatientID", "00100020"), dates[0], dates[1],
                    param(ctx, "AccessionNumber", "00080050"), param(ctx, "StudyInstanceUID", "0020000D"),
                    QueryParams.wholeInt(ctx, "limit", 100), QueryParams.wholeInt(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ArrayNode out = F.arrayNode();
        for (Rows.Study s : queries.studies(q)) {
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.StudyDate, VR.DA, s.studyDate());
            DicomJson.put(j, Tag.StudyTime, VR.TM, s.studyTime());
            DicomJson.put(j, Tag.AccessionNumber, VR.SH, s.accessionNumber());
            DicomJson.putAll(j, Tag.ModalitiesInStudy, VR.CS, s.modalities());
            DicomJson.put(j, Tag.ReferringPhysicianName, VR.PN, s.referringPhysician());
            DicomJson.put(j, Tag.StudyDescription, VR.LO, s.description());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, urls.base(ctx) + "/dicomweb/studies/" + s.studyUid());
            DicomJson.put(j, Tag.PatientName, VR.PN, s.patientName());
            DicomJson.put(j, Tag.PatientID, VR.LO, s.patientId());
            DicomJson.put(j, Tag.PatientBirthDate, VR.DA, s.birthDate());
            DicomJson.put(j, Tag.PatientSex, VR.CS, s.sex());
            DicomJson.put(j, STUDY_UID, VR.UI, s.studyUid());
            DicomJson.put(j, STUDY_ID, VR.SH, s.studyId());
            DicomJson.putInt(j, STUDY_SERIES, s.seriesCount());
            DicomJson.putInt(j, STUDY_INSTANCES, s.instanceCount());
            out.add(j);
        }
        DicomJson.send(ctx, out);
    }

    private void searchSeries(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        ArrayNode out = F.arrayNode();
        for (Rows.Series se : queries.seriesOfStudy(study)) {
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.Modality, VR.CS, se.modality());
            DicomJson.put(j, Tag.SeriesDescription, VR.LO, se.description());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, urls.base(ctx) + "/dicomweb/studies/" + study + "/series/"
                    + se.seriesUid());
            DicomJson.put(j, STUDY_UID, VR.UI, study);
            DicomJson.put(j, SERIES_UID, VR.UI, se.seriesUid());
            DicomJson.put(j, SERIES_NUMBER, VR.IS, se.seriesNumber());
            DicomJson.putInt(j, SERIES_INSTANCES, se.instanceCount());
            out.add(j);
        }
        DicomJson.send(ctx, out);
    }

    private void searchInstances(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        ArrayNode out = F.arrayNode();
        for (Rows.Instance i : queries.instancesOfSeries(series)) {
            if (!i.studyUid().equals(study)) {
                continue;
            }
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.SOPClassUID, VR.UI, i.sopClassUid());
            DicomJson.put(j, Tag.SOPInstanceUID, VR.UI, i.sopUid());
            DicomJson.put(j, AVAILABLE_TRANSFER_SYNTAX, VR.UI, i.transferSyntaxUid());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, urls.instance(ctx, study, series, i.sopUid()));
            DicomJson.put(j, STUDY_UID, VR.UI, study);
            DicomJson.put(j, SERIES_UID, VR.UI, series);
            DicomJson.put(j, INSTANCE_NUMBER, VR.IS, i.instanceNumber());
            if (i.rows() > 0) {
                putUs(j, ROWS, i.rows());
                putUs(j, COLUMNS, i.columns());
            }
            out.add(j);
        }
        DicomJson.send(ctx, out);
    }

    private static void putUs(ObjectNode j, Tag tag, int v) {
        ObjectNode n = j.putObject(DicomJson.key(tag));
        n.put("vr", "US");
        n.putArray("Value").add(v);
    }


    /** A QIDO parameter by keyword or by tag (eight hex digits). */
    private static String param(Context ctx, String keyword, String tag) {
        String v = ctx.queryParam(keyword);
        if (v == null) {
            v = ctx.queryParam(tag);
        }
        return v == null ? "" : v.strip();
    }
}
