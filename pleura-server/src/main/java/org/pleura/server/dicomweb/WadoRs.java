package org.pleura.server.dicomweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.server.auth.Access;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;

/**
 * WADO-RS: {@code GET /dicomweb/studies/{study}[/series/{series}[/instances/{instance}]]} answers the objects as
 * {@code multipart/related; type="application/dicom"}, in the transfer syntax they were received in (an Accept
 * asking for another transfer syntax gets 406: Pleura does not transcode); {@code .../metadata} answers DICOM JSON.
 */
final class WadoRs {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Tag RETRIEVE_URL = Tag.of(0x0008, 0x1190);

    private final Queries queries;
    private final DataDirectory dir;
    private final RetrieveUrls urls;

    WadoRs(Queries queries, DataDirectory dir, RetrieveUrls urls) {
        this.queries = queries;
        this.dir = dir;
        this.urls = urls;
    }

    void register(RouteTable routes) {
        routes.get("/dicomweb/studies/{study}", Access.READ, this::retrieveStudy)
                .get("/dicomweb/studies/{study}/metadata", Access.READ, this::studyMetadata)
                .get("/dicomweb/studies/{study}/series/{series}", Access.READ, this::retrieveSeries)
                .get("/dicomweb/studies/{study}/series/{series}/metadata", Access.READ, this::seriesMetadata)
                .get("/dicomweb/studies/{study}/series/{series}/instances/{instance}", Access.READ,
                        this::retrieveInstance)
                .get("/dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata", Access.READ,
                        this::instanceMetadata);
    }

    private void retrieveStudy(Context ctx) throws IOException {
        sendMultipart(ctx, studyInstances(ctx));
    }

    private void retrieveSeries(Context ctx) throws IOException {
        sendMultipart(ctx, seriesInstances(ctx));
    }

    private void retrieveInstance(Context ctx) throws IOException {
        sendMultipart(ctx, List.of(instanceAt(ctx)));
    }

    private void studyMetadata(Context ctx) throws IOException {
        sendMetadata(ctx, studyInstances(ctx));
    }

    private void seriesMetadata(Context ctx) throws IOException {
        sendMetadata(ctx, seriesInstances(ctx));
    }

    private void instanceMetadata(Context ctx) throws IOException {
        sendMetadata(ctx, List.of(instanceAt(ctx)));
    }

    private List<Rows.Instance> studyInstances(Context ctx) {
        String study = ctx.pathParam("study");
        List<Rows.Instance> all = dicomOnly(queries.instancesOfStudy(study));
        if (all.isEmpty()) {
            throw ProblemException.notFound("no DICOM instances in study " + study);
        }
        return all;
    }

    private List<Rows.Instance> seriesInstances(Context ctx) {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        Rows.Series se = queries.series(series).filter(s -> s.studyUid().equals(study))
                .orElseThrow(() -> ProblemException.notFound("no series " + series + " in study " + study));
        List<Rows.Instance> all = dicomOnly(queries.instancesOfSeries(se.seriesUid()));
        if (all.isEmpty()) {
            throw ProblemException.notFound("no DICOM instances in series " + series);
        }
        return all;
    }

    private Rows.Instance instanceAt(Context ctx) {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        String uid = ctx.pathParam("instance");
        Rows.Instance i = queries.instance(uid)
                .filter(x -> x.studyUid().equals(study) && x.seriesUid().equals(series))
                .orElseThrow(() -> ProblemException.notFound("no instance " + uid + " in series " + series
                        + " of study " + study));
        if (!i.contentType().equals(Ingest.DICOM)) {
            throw ProblemException.notFound("instance " + uid + " was uploaded as " + i.contentType()
                    + ", not DICOM; get it from /api/instances/" + uid + "/file");
        }
        return i;
    }

    private static List<Rows.Instance> dicomOnly(List<Rows.Instance> l) {
        return l.stream().filter(i -> i.contentType().equals(Ingest.DICOM)).toList();
    }

    private void sendMultipart(Context ctx, List<Rows.Instance> instances) throws IOException {
        checkAccept(ctx, instances);
        for (Rows.Instance i : instances) {
            if (!Files.isRegularFile(dir.resolve(i.filePath()))) {
                throw ProblemException.notFound("the file of instance " + i.sopUid() + " is missing from the data "
                        + "directory");
            }
        }
        String boundary = "pleura-" + UUID.randomUUID();
        ctx.status(200);
        ctx.contentType("multipart/related; type=\"application/dicom\"; boundary=" + boundary);
        OutputStream out = ctx.outputStream();
        for (Rows.Instance i : instances) {
            Path p = dir.resolve(i.filePath());
            long size = Files.size(p);
            out.write(("--" + boundary + "\r\nContent-Type: application/dicom; transfer-syntax="
                    + i.transferSyntaxUid() + "\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Files.copy(p, out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Accepts no Accept header, {@code *}/{@code *}, {@code multipart/related} with type application/dicom (or
     * none) and a transfer-syntax that is {@code *}, absent, or the stored one of every instance.
     */
    private static void checkAccept(Context ctx, List<Rows.Instance> instances) {
        List<MediaTypes.MediaType> ranges = MediaTypes.accept(ctx.header("Accept"));
        if (ranges.isEmpty()) {
            return;
        }
        for (MediaTypes.MediaType r : ranges) {
            if (r.type().equals("*/*") || r.type().equals("multipart/*")) {
                return;
            }
            if (!r.type().equals("multipart/related")) {
                continue;
            }
            String t = r.parameter("type");
            if (!t.isEmpty() && !t.equalsIgnoreCase("application/dicom")) {
                continue;
            }
            String ts = r.parameter("transfer-syntax");
            if (ts.isEmpty() || ts.equals("*")
                    || instances.stream().allMatch(i -> i.transferSyntaxUid().equals(ts))) {
                return;
            }
        }
        throw new ProblemException(406, "not-acceptable", "Pleura returns instances as "
                + "multipart/related; type=\"application/dicom\" in the transfer syntax they were received in ("
                + String.join(", ", instances.stream().map(Rows.Instance::transferSyntaxUid).distinct().toList())
                + "); it does not transcode. Accept transfer-syntax=* or that syntax.");
    }

    private void sendMetadata(Context ctx, List<Rows.Instance> instances) throws IOException {
        ArrayNode out = F.arrayNode();
        for (Rows.Instance i : instances) {
            DicomFile f;
            try {
                f = DicomReader.read(dir.resolve(i.filePath()), ReadOptions.HEADER_ONLY);
            } catch (DicomException e) {
                continue;
            }
            ObjectNode json = DicomJson.of(f.dataset());
            DicomJson.put(json, RETRIEVE_URL, VR.UR, urls.instance(ctx, i.studyUid(), i.seriesUid(), i.sopUid()));
            out.add(json);
        }
        DicomJson.send(ctx, out);
    }
}
