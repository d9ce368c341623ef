package org.pleura.server.dicomweb;

import org.pleura.server.http.PublicBase;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.UploadGate;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.Queries;

/**
 * DICOMweb under {@code /dicomweb}: builds the three services ({@link StowRs} stores, {@link WadoRs} retrieves,
 * {@link QidoRs} searches) and registers their routes.
 */
public final class DicomWebApi {

    /** Media type of DICOM JSON. */
    public static final String DICOM_JSON = DicomJson.MEDIA_TYPE;

    private final StowRs stow;
    private final WadoRs wado;
    private final QidoRs qido;

    public DicomWebApi(Ingest ingest, Queries queries, DataDirectory dir, UploadGate uploads, PublicBase publicBase) {
        RetrieveUrls urls = new RetrieveUrls(publicBase);
        this.stow = new StowRs(ingest, dir, uploads, urls);
        this.wado = new WadoRs(queries, dir, urls);
        this.qido = new QidoRs(queries, urls);
    }

    /** Registers the routes of the three services. */
    public void register(RouteTable routes) {
        stow.register(routes);
        wado.register(routes);
        qido.register(routes);
    }
}
