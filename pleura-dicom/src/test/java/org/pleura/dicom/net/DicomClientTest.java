package org.pleura.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;

/** The SCU against dcmtk's storescp (started on a free port, writing to a temporary directory) and against Pleura. */
class DicomClientTest {

    private static final String NIH = "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_";

    @TempDir
    Path tmp;

    private final List<Process> peers = new ArrayList<>();
    private final List<DicomServer> servers = new ArrayList<>();
    private final DicomClient client = new DicomClient(ClientConfig.builder().callingAeTitle("PLEURA_SCU")
            .connectTimeout(Duration.ofSeconds(5)).associationTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofSeconds(30)).build());

    @AfterEach
    void stopPeers() throws InterruptedException {
        for (Process p : peers) {
            Dcmtk.stop(p);
        }
        servers.forEach(DicomServer::close);
    }

    /** Starts storescp on a free port with these options and waits until it listens. */
    private DicomNode storescp(Path out, String... options) throws Exception {
        Files.createDirectories(out);
        int port = Dcmtk.freePort();
        List<String> cmd = new ArrayList<>(List.of("storescp", "-aet", "STORESCP", "-od", out.toString(), "+uf", "-ta", "10",
                "-ts", "10"));
        cmd.addAll(List.of(options));
        cmd.add(Integer.toString(port));
        Process storescp = Dcmtk.start(tmp.resolve("storescp-" + port + ".log"), cmd.toArray(String[]::new));
        peers.add(storescp);
        // storescp prints nothing when it starts listening (not even with -d): the test connects until the
        // connection is accepted, each attempt a real connect (refused at once while nothing listens), no pause.
        // A later association queues in the listen backlog while storescp drops this probe.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("localhost", port), 5000);
                break;
            } catch (IOException notYet) {
                assertTrue(storescp.isAlive(), "storescp exited: " + Files.readString(tmp.resolve("storescp-" + port
                        + ".log")));
                assertTrue(System.nanoTime() < deadline, "storescp did not start listening on port " + port);
                Thread.onSpinWait();
            }
        }
        return new DicomNode("STORESCP", "localhost", port);
    }

    private static List<DicomFile> readAll(Path dir) throws IOException {
        List<DicomFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                out.add(DicomReader.read(p));
            }
        }
        return out;
    }

    private static Path receivedFile(Path dir, String sopInstance, TransferSyntax ts) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                DicomFile f = DicomReader.read(p, ReadOptions.HEADER_ONLY);
                if (f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID, "").equals(sopInstance)
                        && f.transferSyntax().equals(ts)) {
                    return p;
                }
            }
        }
        throw new AssertionError("not received: " + sopInstance + " in " + ts.name());
    }

    // ------------------------------------------------------------------ storing

    @Test
    void filesArriveByteForByteInTheirOwnTransferSyntax() throws Exception {
        Path out = tmp.resolve("rx");
        // accept every syntax, write the data set exactly as received, receive PDUs of at most 4 KiB
        DicomNode peer = storescp(out, "+xa", "+B", "-pdu", "4096");
        List<Path> files = List.of(Corpus.file(NIH + "explicitLE.dcm"), Corpus.file(NIH + "JPEGLSLossless.dcm"),
                Corpus.file(NIH + "JPEGLosslessSV1.dcm"), Corpus.file(NIH + "RLE.dcm"),
                Corpus.file(NIH + "JPEGBaseline_lossy.dcm"), Corpus.file("derived_transcodes/CRchest440_MONO1_implicitLE.dcm"),
                Corpus.file("derived_transcodes/CRchest440_MONO1_explicitBE.dcm"));
        List<StoreOutcome> outcomes = client.store(peer, files.stream().map(StoreSource::file).toList());
        assertEquals(files.size(), outcomes.size());
        for (int i = 0; i < files.size(); i++) {
            Path source = files.get(i);
            StoreOutcome.Stored stored = assertInstanceOf(StoreOutcome.Stored.class, outcomes.get(i));
            DicomFile original = DicomReader.read(source);
            assertEquals(original.transferSyntax(), stored.sentAs(), source.getFileName() + " sent as is");
            assertEquals(DimseStatus.SUCCESS, stored.status());
            Path received = receivedFile(out, original.dataset().getString(Tag.SOPInstanceUID), original.transferSyntax());
            assertArrayEquals(DicomServerTest.datasetBytes(source), DicomServerTest.datasetBytes(received),
                    "data set bytes of " + source.getFileName());
        }
    }

    @Test
    void aPeerAcceptingOnlyNativeSyntaxesGetsReencodedNativeDataAndCompressedOnesAreReportedNotSent() throws Exception {
        Path out = tmp.resolve("rx");
        DicomNode peer = storescp(out); // default: uncompressed syntaxes only
        Path deflated = Corpus.file("derived_transcodes/CRchest440_MONO1_Deflated.dcm");
        Path jpegLs = Corpus.file(NIH + "JPEGLSLossless.dcm");
        Path noMeta = Corpus.file("real_original/fo-dicom/CR-MONO1-10-chest.dcm");
        DicomObject inMemory = DicomReader.read(Corpus.file("derived_transcodes/CRchest440_MONO1_explicitLE.dcm")).dataset()
                .toBuilder().putString(Tag.SOPInstanceUID, UID.generate()).build();
        List<StoreOutcome> outcomes = client.store(peer, List.of(StoreSource.file(deflated), StoreSource.file(jpegLs),
                StoreSource.file(noMeta), StoreSource.object(inMemory, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));

        StoreOutcome.Stored reencoded = assertInstanceOf(StoreOutcome.Stored.class, outcomes.get(0));
        assertTrue(reencoded.sentAs().isNative() && !reencoded.sentAs().deflated(), reencoded.sentAs().toString());
        StoreOutcome.NotSent compressed = assertInstanceOf(StoreOutcome.NotSent.class, outcomes.get(1));
        assertTrue(compressed.reason().contains("JPEG-LS Lossless") && compressed.reason().contains("compressed"),
                compressed.reason());
        assertTrue(outcomes.get(2).isStored(), outcomes.get(2).toString());
        assertTrue(outcomes.get(3).isStored(), outcomes.get(3).toString());

        List<DicomFile> received = readAll(out);
        assertEquals(3, received.size());
        for (Path source : List.of(deflated, noMeta)) {
            DicomObject sent = DicomReader.read(source).dataset();
            String uid = sent.getString(Tag.SOPInstanceUID);
            DicomFile match = received.stream().filter(f -> f.dataset().getString(Tag.SOPInstanceUID, "").equals(uid))
                    .findFirst().orElseThrow();
            assertEquals(List.of(), DicomServerTest.differences(DicomServerTest.withoutGroupLengths(sent),
                    DicomServerTest.withoutGroupLengths(match.dataset())), source.getFileName().toString());
        }
        String inMemoryUid = inMemory.getString(Tag.SOPInstanceUID);
        assertTrue(received.stream().anyMatch(f -> f.dataset().getString(Tag.SOPInstanceUID, "").equals(inMemoryUid)));
    }

    @Test
    void echoToStorescpSucceeds() throws Exception {
        DicomNode peer = storescp(tmp.resolve("rx"));
        assertEquals(DimseStatus.SUCCESS, client.echo(peer));
    }

    // ------------------------------------------------------------------ typed failures

    @Test
    void connectionRefusedIsATypedError() throws Exception {
        DicomNode nobody = new DicomNode("NOBODY", "localhost", Dcmtk.freePort());
        ConnectionFailedException e = assertThrows(ConnectionFailedException.class, () -> client.echo(nobody));
        assertTrue(e.getMessage().contains("connection refused") && e.getMessage().contains(nobody.toString()),
                e.getMessage());
    }

    @Test
    void aRejectedAssociationCarriesThePeersReason() throws Exception {
        DicomNode refusing = storescp(tmp.resolve("rx"), "--refuse");
        AssociationRejectedException byDcmtk = assertThrows(AssociationRejectedException.class,
                () -> client.store(refusing, List.of(StoreSource.file(Corpus.file(NIH + "RLE.dcm")))));
        assertTrue(byDcmtk.getMessage().startsWith(refusing.toString() + " rejected"), byDcmtk.getMessage());

        DicomServer pleura = DicomServer.start(DicomServerConfig.builder().port(0).aeTitle("PLEURA")
                .allowCallingAeTitles(List.of("MODALITY")).build(), r -> DimseStatus.SUCCESS);
        servers.add(pleura);
        AssociationRejectedException called = assertThrows(AssociationRejectedException.class,
                () -> client.echo(new DicomNode("WRONG", "localhost", pleura.port())));
        assertEquals(7, called.rejection().reason());
        assertTrue(called.getMessage().contains("called AE title not recognised"), called.getMessage());
        AssociationRejectedException calling = assertThrows(AssociationRejectedException.class,
                () -> client.echo(new DicomNode("PLEURA", "localhost", pleura.port())));
        assertEquals(3, calling.rejection().reason());
        assertTrue(calling.getMessage().contains("calling AE title not recognised"), calling.getMessage());
    }

    @Test
    void aPeerAbortingDuringTheTransferIsATypedError() throws Exception {
        DicomNode aborting = storescp(tmp.resolve("rx"), "--abort-during");
        AssociationAbortedException e = assertThrows(AssociationAbortedException.class,
                () -> client.store(aborting, List.of(StoreSource.file(Corpus.file(NIH + "explicitLE.dcm")))));
        assertTrue(e.getMessage().contains(aborting.toString()), e.getMessage());
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0)) {
            DicomClient impatient = new DicomClient(ClientConfig.builder().associationTimeout(Duration.ofMillis(500)).build());
            DicomTimeoutException e = assertThrows(DicomTimeoutException.class,
                    () -> impatient.echo(new DicomNode("MUTE", "localhost", mute.getLocalPort())));
            assertTrue(e.getMessage().contains("A-ASSOCIATE-AC"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ Pleura to Pleura

    @Test
    void pleuraToPleuraSendsEveryCorpusFileInItsOwnSyntaxAndKeepsTheBytes() throws Exception {
        List<Path> files = Corpus.all();
        java.util.Set<String> sopClasses = new java.util.LinkedHashSet<>(SopClasses.DEFAULT);
        java.util.Set<TransferSyntax> syntaxes = new java.util.LinkedHashSet<>();
        for (Path p : files) {
            DicomFile f = DicomReader.read(p, ReadOptions.HEADER_ONLY);
            sopClasses.add(f.dataset().getString(Tag.SOPClassUID));
            syntaxes.add(f.transferSyntax());
        }
        TestStore store = TestStore.in(tmp.resolve("pleura"));
        DicomServer server = DicomServer.start(DicomServerConfig.builder().port(0).tempDirectory(tmp)
                .sopClasses(sopClasses).memoryThreshold(300_000).build(), store);
        servers.add(server);
        List<StoreOutcome> outcomes = client.store(new DicomNode("PLEURA", "localhost", server.port()),
                files.stream().map(StoreSource::file).toList());
        assertEquals(1, server.stats().acceptedAssociations(), "one association for all");
        assertEquals(files.size(), store.received().size());
        assertTrue(syntaxes.contains(TransferSyntax.DEFLATED_IMAGE_FRAME) && syntaxes.size() >= 12, syntaxes.toString());
        for (int i = 0; i < files.size(); i++) {
            Path source = files.get(i);
            StoreOutcome.Stored stored = assertInstanceOf(StoreOutcome.Stored.class, outcomes.get(i));
            TestStore.Received rx = store.received().get(i);
            DicomFile original = DicomReader.read(source);
            assertEquals(original.transferSyntax(), rx.transferSyntax(), source.getFileName().toString());
            assertEquals(stored.sentAs(), rx.transferSyntax());
            if (original.hasFileMeta()) {
                assertArrayEquals(DicomServerTest.datasetBytes(source), DicomServerTest.datasetBytes(rx.file()),
                        source.getFileName().toString());
            } else {
                assertEquals(List.of(), DicomServerTest.differences(original.dataset(),
                        DicomReader.read(rx.file()).dataset()), source.getFileName().toString());
            }
        }
    }

    private static <T> T assertInstanceOf(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), "expected a " + type.getSimpleName() + ": " + value);
        return type.cast(value);
    }
}
