package org.pleura.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomElement;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.net.pdu.Abort;
import org.pleura.dicom.net.pdu.AssociateAc;
import org.pleura.dicom.net.pdu.AssociateRq;
import org.pleura.dicom.net.pdu.Pdu;
import org.pleura.dicom.net.pdu.PresentationContextProposal;
import org.pleura.dicom.net.pdu.ReleaseRp;
import org.pleura.dicom.net.pdu.ReleaseRq;
import org.pleura.dicom.net.pdu.UserInformation;

/** The DICOM node against real dcmtk peers (echoscu, storescu) and against hostile raw connections. */
class DicomServerTest {

    /** How storescu is told to propose each transfer syntax first (storescu --help). */
    private static final Map<String, String> STORESCU_PROPOSE = Map.ofEntries(
            Map.entry(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), "-xi"),
            Map.entry(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "-xe"),
            Map.entry(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), "-xb"),
            Map.entry(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), "-xd"),
            Map.entry(TransferSyntax.RLE_LOSSLESS.uid(), "-xr"),
            Map.entry(TransferSyntax.JPEG_BASELINE.uid(), "-xy"),
            Map.entry(TransferSyntax.JPEG_EXTENDED.uid(), "-xx"),
            Map.entry(TransferSyntax.JPEG_LOSSLESS_SV1.uid(), "-xs"),
            Map.entry(TransferSyntax.JPEG_LS_LOSSLESS.uid(), "-xt"),
            Map.entry(TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), "-xu"),
            Map.entry(TransferSyntax.JPEG_2000_LOSSLESS.uid(), "-xv"),
            Map.entry(TransferSyntax.JPEG_2000.uid(), "-xw"));

    @TempDir
    Path tmp;

    private final List<DicomServer> servers = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        servers.forEach(DicomServer::close);
    }

    private DicomServer start(DicomServerConfig.Builder config, StoreHandler handler) throws IOException {
        DicomServer s = DicomServer.start(config.port(0).tempDirectory(tmp).build(), handler);
        servers.add(s);
        return s;
    }

    private static DicomServerConfig.Builder config() {
        return DicomServerConfig.builder().aeTitle("PLEURA").associationRequestTimeout(Duration.ofSeconds(5))
                .releaseTimeout(Duration.ofSeconds(2)).pduReadTimeout(Duration.ofSeconds(5))
                .shutdownGrace(Duration.ofSeconds(5));
    }

    // ------------------------------------------------------------------ association acceptance

    @Test
    void echoscuGetsSuccessAndWrongAeTitlesAreRejectedWithTheirReason() throws Exception {
        DicomServer server = start(config().allowCallingAeTitles(List.of("MODALITY1", "ECHOSCU")),
                TestStore.in(tmp.resolve("rx")));

        Dcmtk.Result ok = Dcmtk.echo("ECHOSCU", "PLEURA", server.port());
        assertTrue(ok.ok(), ok.output());
        assertTrue(ok.output().contains("Received Echo Response (Success)"), ok.output());

        Dcmtk.Result wrongCalled = Dcmtk.echo("ECHOSCU", "NOT_PLEURA", server.port());
        assertFalse(wrongCalled.ok(), wrongCalled.output());
        assertTrue(wrongCalled.output().contains("Called AE Title Not Recognized"), wrongCalled.output());

        Dcmtk.Result wrongCalling = Dcmtk.echo("INTRUDER", "PLEURA", server.port());
        assertFalse(wrongCalling.ok(), wrongCalling.output());
        assertTrue(wrongCalling.output().contains("Calling AE Title Not Recognized"), wrongCalling.output());

        assertTrue(Dcmtk.echo("MODALITY1", "PLEURA", server.port()).ok(), "the listener still serves");
        ServerStats stats = server.stats();
        assertEquals(2, stats.acceptedAssociations());
        assertEquals(2, stats.rejectedAssociations());
    }

    // ------------------------------------------------------------------ every transfer syntax of the corpus

    /** One corpus file: its transfer syntax, SOP class and instance. */
    private record CorpusFile(Path path, TransferSyntax ts, String sopClass, String sopInstance) {
    }

    @Test
    void storescuSendsEveryCorpusFileInItsOwnTransferSyntaxAndTheDataSetsArriveIdentical() throws Exception {
        Dcmtk.require("storescu");
        Map<String, List<CorpusFile>> byTs = new TreeMap<>();
        Set<String> sopClasses = new LinkedHashSet<>(SopClasses.DEFAULT);
        List<Path> skipped = new ArrayList<>();
        for (Path p : Corpus.all()) {
            DicomFile f = DicomReader.read(p, ReadOptions.HEADER_ONLY);
            String ts = f.transferSyntax().uid();
            if (!STORESCU_PROPOSE.containsKey(ts)) {
                skipped.add(p); // e.g. Deflated Image Frame Compression: storescu cannot propose it
                continue;
            }
            String sopClass = f.dataset().getString(Tag.SOPClassUID);
            sopClasses.add(sopClass);
            byTs.computeIfAbsent(ts, k -> new ArrayList<>()).add(new CorpusFile(p, f.transferSyntax(), sopClass,
                    f.dataset().getString(Tag.SOPInstanceUID)));
        }
        assertTrue(byTs.size() >= 10, "the corpus covers at least 10 transfer syntaxes: " + byTs.keySet());
        assertTrue(skipped.size() <= 2, "files skipped: " + skipped);

        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config().sopClasses(sopClasses).maxPduLength(16384), store);
        int expected = 0;
        for (Map.Entry<String, List<CorpusFile>> group : byTs.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-R", STORESCU_PROPOSE.get(group.getKey()),
                    "-to", "10", "-ta", "10", "-td", "30", "-aet", "STORESCU", "-aec", "PLEURA", "localhost",
                    Integer.toString(server.port())));
            group.getValue().forEach(f -> cmd.add(f.path().toString()));
            Dcmtk.Result r = Dcmtk.run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
            assertTrue(r.ok(), group.getKey() + ": " + r.output());
            expected += group.getValue().size();
        }
        assertEquals(expected, store.received().size(), "every file arrived");

        for (List<CorpusFile> group : byTs.values()) {
            for (CorpusFile source : group) {
                TestStore.Received rx = store.received().stream()
                        .filter(r -> r.sopInstance().equals(source.sopInstance())
                                && r.transferSyntax().equals(source.ts()))
                        .findFirst().orElseThrow(() -> new AssertionError("not received in its own syntax: "
                                + source.path().getFileName() + " (" + source.ts().name() + ")"));
                assertEquals("STORESCU", rx.callingAe());
                assertEquals(source.sopClass(), rx.sopClass());
                DicomFile received = DicomReader.read(rx.file());
                assertEquals(source.ts(), received.transferSyntax(), source.path().getFileName().toString());
                assertEquals(source.sopInstance(), received.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
                assertEquals("STORESCU", received.fileMeta().getString(Tag.SourceApplicationEntityTitle));
                DicomObject sent = DicomReader.read(source.path()).dataset();
                assertEquals(List.of(), differences(withoutGroupLengths(sent), withoutGroupLengths(received.dataset())),
                        "data set of " + source.path().getFileName() + " changed in transit");
            }
        }
        assertEquals(expected, server.stats().objectsStored());
    }

    /** The bytes after the file meta group. */
    static byte[] datasetBytes(Path part10) throws IOException {
        byte[] all = Files.readAllBytes(part10);
        long metaLength = (all[140] & 0xFFL) | (all[141] & 0xFFL) << 8 | (all[142] & 0xFFL) << 16 | (all[143] & 0xFFL) << 24;
        int start = (int) (144 + metaLength);
        return java.util.Arrays.copyOfRange(all, start, all.length);
    }

    /** The elements that differ between two data sets, as "tag: sent != received". */
    static List<String> differences(DicomObject a, DicomObject b) {
        List<String> out = new ArrayList<>();
        Set<Tag> tags = new java.util.TreeSet<>(a.tags());
        tags.addAll(b.tags());
        for (Tag t : tags) {
            var x = a.get(t);
            var y = b.get(t);
            if (x.isPresent() && y.isPresent() && x.get() instanceof DicomElement.Fragments f
                    && y.get() instanceof DicomElement.Fragments g && sameFragments(f, g)) {
                continue; // OW encapsulated Pixel Data (invalid, PS3.5 A.4) is corrected to OB by dcmtk
            }
            if (!x.equals(y)) {
                out.add(t + " " + t.keyword() + ": " + x.map(Object::toString).orElse("absent") + " != "
                        + y.map(Object::toString).orElse("absent"));
            }
        }
        return out;
    }

    private static boolean sameFragments(DicomElement.Fragments f, DicomElement.Fragments g) {
        if (f.fragmentCount() != g.fragmentCount() || !java.util.Arrays.equals(f.offsetTableBytes(), g.offsetTableBytes())) {
            return false;
        }
        for (int i = 0; i < f.fragmentCount(); i++) {
            if (!java.util.Arrays.equals(f.fragment(i), g.fragment(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data set without what a sender may legitimately drop: group lengths (dcmtk recomputes or removes them)
     * and Data Set Trailing Padding (FFFC,FFFC), which belongs to files only (PS3.10 section 7.2).
     */
    static DicomObject withoutGroupLengths(DicomObject ds) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : ds) {
            if (!e.tag().isGroupLength() && !e.tag().equals(Tag.of(0xFFFC, 0xFFFC))) {
                b.put(e);
            }
        }
        return b.build();
    }

    @Test
    void unsupportedSopClassesAndSyntaxesAreRejectedPerPresentationContext() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config().transferSyntaxes(List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)), store);
        Path mr = Corpus.file("real_original/pydicom-data/MR2_UNCR.dcm"); // MR is not a chest radiograph class
        Dcmtk.Result mrResult = Dcmtk.run(Duration.ofSeconds(60), "storescu", "-R", "-aec", "PLEURA", "localhost",
                Integer.toString(server.port()), mr.toString());
        assertFalse(mrResult.ok(), mrResult.output());
        assertTrue(mrResult.output().contains("No Acceptable Presentation Contexts"), mrResult.output());

        Path jpeg = Corpus.file("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm");
        DicomNode node = new DicomNode("PLEURA", "localhost", server.port());
        try (ScuAssociation a = new DicomClient(ClientConfig.defaults()).open(node,
                DicomClient.proposalsFor(List.of(StoreSource.file(jpeg))))) {
            var results = a.contextResults();
            assertEquals(org.pleura.dicom.net.pdu.PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                    results.get(0).result(), "JPEG baseline refused when not configured");
            assertTrue(results.get(1).accepted(), "the native fallback is accepted");
            StoreOutcome notSent = a.store(StoreSource.file(jpeg));
            assertTrue(notSent instanceof StoreOutcome.NotSent n && n.reason().contains("JPEG Baseline"), notSent.toString());
        }
        assertEquals(0, store.calls());
    }

    // ------------------------------------------------------------------ limits

    @Test
    void beyondTheAssociationLimitTheExtraOneIsRejectedTransientlyAndTheServerKeepsServing() throws Exception {
        DicomServer server = start(config().maxAssociations(2), TestStore.in(tmp.resolve("rx")));
        DicomClient client = new DicomClient(ClientConfig.builder().callingAeTitle("HOLDER").build());
        DicomNode node = new DicomNode("PLEURA", "localhost", server.port());
        List<PresentationContextProposal> verification = List.of(new PresentationContextProposal(1,
                SopClasses.VERIFICATION, List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())));
        ScuAssociation first = client.open(node, verification);
        resources.add(first);
        ScuAssociation second = client.open(node, verification);
        resources.add(second);
        assertEquals(DimseStatus.SUCCESS, first.echo());

        Dcmtk.Result extra = Dcmtk.echo("ECHOSCU", "PLEURA", server.port());
        assertFalse(extra.ok(), extra.output());
        assertTrue(extra.output().contains("Rejected Transient") && extra.output().contains("Local Limit Exceeded"),
                extra.output());
        try {
            client.echo(node);
            fail("a third association must be rejected");
        } catch (AssociationRejectedException e) {
            assertTrue(e.isTransient(), e.getMessage());
            assertTrue(e.getMessage().contains("local limit exceeded"), e.getMessage());
        }

        assertEquals(DimseStatus.SUCCESS, second.echo(), "held associations are unaffected");
        first.release();
        awaitActiveAtMost(server, 1, "a slot to free up");
        Dcmtk.Result again = Dcmtk.echo("ECHOSCU", "PLEURA", server.port());
        assertTrue(again.ok(), again.output());
        assertEquals(2, server.stats().rejectedAssociations());
    }

    @Test
    void anObjectBeyondTheMaximumSizeIsRefusedWithOutOfResourcesAndTheAssociationStaysUsable() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config().maxObjectSize(500_000).memoryThreshold(100_000), store);
        Path big = Corpus.file("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm");
        Path small = Corpus.file("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGLSLossless.dcm");
        List<StoreOutcome> outcomes = new DicomClient(ClientConfig.defaults()).store(
                new DicomNode("PLEURA", "localhost", server.port()), List.of(StoreSource.file(big), StoreSource.file(small)));
        StoreOutcome.Refused refused = (StoreOutcome.Refused) outcomes.get(0);
        assertEquals(0xA700, refused.status().code());
        assertTrue(refused.status().errorComment().contains("limit"), refused.status().toString());
        assertTrue(outcomes.get(1).isStored(), outcomes.get(1).toString());
        assertEquals(1, store.calls(), "the oversized object never reached the handler");
        assertEquals(1, server.stats().acceptedAssociations(), "both went over one association");
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("pleura-store-")).count(),
                    "no spool file left behind");
        }
    }

    // ------------------------------------------------------------------ hostile or broken peers

    @Test
    void garbageAndAbsurdLengthsCloseOnlyThatConnection() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config(), store);
        byte[] http = "GET / HTTP/1.1\r\nHost: pleura\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = sendRaw(server.port(), http);
        assertEquals(7, reply[0], "an A-ABORT answers garbage");
        byte[] huge = {1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 0, 1};
        assertEquals(7, sendRaw(server.port(), huge)[0], "an absurd A-ASSOCIATE-RQ length is refused at once");
        byte[] hugeData = {4, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        assertEquals(7, sendRaw(server.port(), hugeData)[0]);

        Dcmtk.Result ok = Dcmtk.echo("ECHOSCU", "PLEURA", server.port());
        assertTrue(ok.ok(), ok.output());
    }

    /** Sends bytes on a fresh connection and returns everything the server sends back before closing. */
    private static byte[] sendRaw(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return s.getInputStream().readAllBytes();
        }
    }

    @Test
    void aSilentPeerIsDroppedAfterTheArtimTimeoutWhileOthersAreServed() throws Exception {
        DicomServer server = start(config().associationRequestTimeout(Duration.ofMillis(800)),
                TestStore.in(tmp.resolve("rx")));
        try (Socket silent = new Socket("localhost", server.port()); Socket trickle = new Socket("localhost", server.port())) {
            trickle.getOutputStream().write(new byte[] {1, 0, 0}); // the start of a PDU header, then nothing
            Dcmtk.Result ok = Dcmtk.echo("ECHOSCU", "PLEURA", server.port());
            assertTrue(ok.ok(), ok.output());
            // without the ARTIM timer nothing closes them: the reads would time out (10 s) instead of ending
            silent.setSoTimeout(10_000);
            trickle.setSoTimeout(10_000);
            assertEquals(-1, silent.getInputStream().read(), "closed by the server");
            assertEquals(-1, trickle.getInputStream().read(), "closed by the server");
        }
        awaitActiveAtMost(server, 0, "the threads to end");
    }

    @Test
    void anIdleEstablishedAssociationIsAborted() throws Exception {
        DicomServer server = start(config().idleTimeout(Duration.ofMillis(700)), TestStore.in(tmp.resolve("rx")));
        try (RawAssociation raw = RawAssociation.open(server.port())) {
            Pdu next = raw.channel.read(10_000, 10_000, "A-ABORT");
            assertTrue(next instanceof Abort, "idle association aborted: " + next);
        }
        awaitActiveAtMost(server, 0, "the association to end");
        assertEquals(1, server.stats().abortedAssociations());
    }

    /** How a raw peer interrupts a C-STORE after half its data set. */
    private enum Interruption { ABORT, CLOSE, STALL, RELEASE, PROTOCOL_ERROR }

    @Test
    void anInterruptedTransferNeverReachesTheHandlerAndTheListenerGoesOn() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config().pduReadTimeout(Duration.ofMillis(800)).memoryThreshold(50_000), store);
        byte[] dataset = datasetBytes(Corpus.file("derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        for (Interruption how : Interruption.values()) {
            try (RawAssociation raw = RawAssociation.open(server.port())) {
                Dimse.sendCommand(raw.channel, 1, Dimse.storeRq(1, SopClasses.CR, "1.2.826.0.1.3680043.9.7433.1", 0),
                        16_000);
                byte[] buf = raw.channel.pdataBuffer(16_000);
                for (int off = 0; off < dataset.length / 2; off += 16_000) {
                    System.arraycopy(dataset, off, buf, 12, 16_000);
                    raw.channel.sendPData(1, false, false, 16_000);
                }
                switch (how) {
                    case ABORT -> raw.channel.write(Abort.byUser());
                    case CLOSE -> raw.channel.closeQuietly();
                    case STALL -> assertTrue(raw.channel.read(10_000, 10_000, "A-ABORT") instanceof Abort);
                    case RELEASE -> {
                        raw.channel.write(new ReleaseRq());
                        assertTrue(raw.channel.read(10_000, 10_000, "A-RELEASE-RP") instanceof ReleaseRp);
                    }
                    case PROTOCOL_ERROR -> {
                        Dimse.sendCommand(raw.channel, 1, Dimse.echoRq(2), 16_000); // a command inside a data set
                        assertTrue(raw.channel.read(10_000, 10_000, "A-ABORT") instanceof Abort);
                    }
                }
            }
            awaitActiveAtMost(server, 0, "the association to end after " + how);
            assertEquals(0, store.calls(), "no half object handed over after " + how);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("pleura-store-")).count(),
                    "spool files of interrupted transfers are deleted");
        }
        Dcmtk.Result r = Dcmtk.run(Duration.ofSeconds(60), "storescu", "-R", "-xe", "-aec", "PLEURA", "localhost",
                Integer.toString(server.port()), Corpus.file("derived_transcodes/CRchest440_MONO1_explicitLE.dcm").toString());
        assertTrue(r.ok(), r.output());
        assertEquals(1, store.received().size());
    }

    @Test
    void aHandlerThatThrowsGivesAFailureStatusWithAReasonAndTheServerKeepsWorking() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config(), store);
        DicomNode node = new DicomNode("PLEURA", "localhost", server.port());
        StoreSource file = StoreSource.file(Corpus.file("derived_transcodes/CRchest440_MONO1_RLE.dcm"));
        DicomClient client = new DicomClient(ClientConfig.defaults());

        store.behaviour(r -> {
            throw new IOException("disk full");
        });
        StoreOutcome.Refused ioFailure = (StoreOutcome.Refused) client.store(node, List.of(file)).get(0);
        assertEquals(0xA700, ioFailure.status().code());
        assertTrue(ioFailure.status().errorComment().contains("disk full"), ioFailure.status().toString());

        store.behaviour(r -> {
            throw new IllegalStateException("bug in the handler");
        });
        StoreOutcome.Refused bug = (StoreOutcome.Refused) client.store(node, List.of(file)).get(0);
        assertEquals(0xC000, bug.status().code());
        assertTrue(bug.status().errorComment().contains("bug in the handler"), bug.status().toString());

        Dcmtk.Result refusedByStorescu = Dcmtk.run(Duration.ofSeconds(60), "storescu", "-v", "-R", "-xr", "-aec",
                "PLEURA", "localhost", Integer.toString(server.port()), Corpus.file("derived_transcodes/CRchest440_MONO1_RLE.dcm").toString());
        assertTrue(refusedByStorescu.output().contains("Received Store Response (Error: CannotUnderstand)"),
                refusedByStorescu.output());

        store.behaviour(r -> DimseStatus.of(0xB000, "coerced"));
        StoreOutcome warning = client.store(node, List.of(file)).get(0);
        assertTrue(warning instanceof StoreOutcome.Stored s && s.status().code() == 0xB000, warning.toString());

        store.behaviour(r -> null);
        assertTrue(client.store(node, List.of(file)).get(0).isStored());
        assertEquals(2, server.stats().objectsStored());
        assertEquals(3, server.stats().objectsFailed());
    }

    @Test
    void closeFinishesTheMessageInProgressAndAbortsIdleAssociations() throws Exception {
        TestStore store = TestStore.in(tmp.resolve("rx"));
        DicomServer server = start(config(), store);
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch diskDone = new CountDownLatch(1);
        store.behaviour(r -> {
            inHandler.countDown();
            assertTrue(diskDone.await(60, TimeUnit.SECONDS), "the test never let the store finish");  // a slow disk
            return null;
        });
        DicomNode node = new DicomNode("PLEURA", "localhost", server.port());
        DicomClient client = new DicomClient(ClientConfig.defaults());
        ScuAssociation idle = client.open(node, List.of(new PresentationContextProposal(1, SopClasses.VERIFICATION,
                List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()))));
        resources.add(idle);
        StoreOutcome[] outcome = new StoreOutcome[1];
        Thread sender = new Thread(() -> {
            try {
                outcome[0] = client.store(node, List.of(StoreSource.file(
                        Corpus.file("derived_transcodes/CRchest440_MONO1_implicitLE.dcm")))).get(0);
            } catch (DicomNetworkException e) {
                outcome[0] = new StoreOutcome.NotSent(StoreSource.file(tmp), e.getMessage());
            }
        });
        sender.start();
        assertTrue(inHandler.await(30, TimeUnit.SECONDS), "the store never reached the handler");
        Thread closer = new Thread(server::close);
        closer.start();
        // the idle association is aborted while the store is still in the handler
        awaitActiveAtMost(server, 1, "the idle association to be aborted");
        assertEquals(1, store.calls());
        assertTrue(outcome[0] == null, "the store waits for its handler: " + outcome[0]);
        try {
            idle.echo();
            fail("the idle association was aborted");
        } catch (DicomNetworkException expected) {
            // aborted by the shutdown
        }
        diskDone.countDown();
        closer.join(30_000);
        sender.join(30_000);
        assertFalse(closer.isAlive() || sender.isAlive(), "close and the store ended");
        assertTrue(outcome[0] != null && outcome[0].isStored(), "the store in progress completed: " + outcome[0]);
        assertFalse(server.isRunning());
        try {
            client.echo(node);
            fail("no longer listening");
        } catch (ConnectionFailedException expected) {
            assertTrue(expected.getMessage().contains("refused"), expected.getMessage());
        }
    }

    /** Blocks until the server runs at most {@code n} associations (a 30 s guard fails a hang). */
    static void awaitActiveAtMost(DicomServer server, int n, String what) throws InterruptedException {
        assertTrue(server.awaitActiveAtMost(n, Duration.ofSeconds(30)), "timed out waiting for " + what + ": "
                + server.stats().activeAssociations() + " associations active");
    }

    /** An association opened by hand, to misbehave in ways a real SCU would not. */
    static final class RawAssociation implements AutoCloseable {
        final PduChannel channel;

        private RawAssociation(PduChannel channel) {
            this.channel = channel;
        }

        static RawAssociation open(int port) throws IOException {
            Socket s = new Socket("localhost", port);
            PduChannel channel = new PduChannel(s, "server", 1 << 20, 5000);
            channel.write(new AssociateRq("PLEURA", "RAW", List.of(new PresentationContextProposal(1, SopClasses.CR,
                    List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))), new UserInformation(1 << 16, "1.2.3", "RAW")));
            Pdu answer = channel.read(5000, 5000, "A-ASSOCIATE-AC");
            assertTrue(answer instanceof AssociateAc ac && ac.presentationContexts().get(0).accepted(), answer.toString());
            return new RawAssociation(channel);
        }

        @Override
        public void close() {
            channel.closeQuietly();
        }
    }

}
