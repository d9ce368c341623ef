package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.net.AssociationRejectedException;
import org.pleura.dicom.net.ClientConfig;
import org.pleura.dicom.net.DicomClient;
import org.pleura.dicom.net.DicomNode;
import org.pleura.dicom.net.DimseStatus;
import org.pleura.dicom.net.ScuAssociation;
import org.pleura.dicom.net.SopClasses;
import org.pleura.dicom.net.pdu.PresentationContextProposal;
import org.pleura.server.config.SecurityConfig;
import org.pleura.server.testing.TestNode;

/**
 * The hostile probe's DICOM attacks on a running server over real sockets: idle associations from one calling AE
 * title, and raw connections from one address that never associate, while a modality keeps sending.
 */
class HostileDicomTest {

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    private void start(int perCaller, int perAddress, Duration artim) {
        server = TestNode.open(tmp.resolve("data"), b -> b.security(SecurityConfig.defaults()
                .withAssociationLimits(perCaller, perAddress, artim)));
    }

    private DicomNode pleura() {
        return server.dicomNode();
    }

    private static DicomClient client(String aet) {
        return new DicomClient(ClientConfig.builder().callingAeTitle(aet).build());
    }

    private static List<PresentationContextProposal> echoContext() {
        return List.of(new PresentationContextProposal(1, SopClasses.VERIFICATION,
                List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())));
    }

    @Test
    void oneCallingAeTitleCannotTakeEverySlot() throws Exception {
        start(2, 16, Duration.ofSeconds(3));
        List<ScuAssociation> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(client("HOG").open(pleura(), echoContext()));
            }
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> client("HOG").echo(pleura()), "a third idle association from the same AE title");
            assertTrue(e.getMessage().toLowerCase().contains("transient") || e.getMessage().contains("limit"),
                    e.getMessage());
            assertEquals(DimseStatus.SUCCESS.code(), client("MODALITY").echo(pleura()).code(),
                    "the modality still associates while HOG holds its share");
        } finally {
            held.forEach(ScuAssociation::abort);
        }
    }

    /** The A-ASSOCIATE-RQ Pleura's own client sends, captured on a throw-away listener, to replay from any address. */
    private static byte[] associateRequest() throws Exception {
        try (ServerSocket capture = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try {
                    new DicomClient(ClientConfig.builder().callingAeTitle("SILENT").connectTimeout(Duration.ofSeconds(5))
                            .associationTimeout(Duration.ofSeconds(5)).build())
                            .echo(DicomNode.parse("PLEURA@127.0.0.1:" + capture.getLocalPort()));
                } catch (Exception expected) {
                    // the capture closes without answering
                }
            });
            try (Socket s = capture.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] head = in.readNBytes(6);
                int length = ((head[2] & 0xff) << 24) | ((head[3] & 0xff) << 16) | ((head[4] & 0xff) << 8) | (head[5] & 0xff);
                byte[] pdu = new byte[6 + length];
                System.arraycopy(head, 0, pdu, 0, 6);
                in.readFully(pdu, 6, length);
                return pdu;
            } finally {
                echo.get();
            }
        }
    }

    private Socket rawFrom(String address) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(address, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.dicomPort()), 5000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // drain whatever the server sent (an abort) until it closes
            }
            return true;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    @Test
    void silentConnectionsFromOneAddressAreCappedAndTimedOut() throws Exception {
        start(4, 4, Duration.ofSeconds(1));
        byte[] rq = associateRequest();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                silent.add(rawFrom("127.0.0.2"));
            }
            try (Socket fifth = rawFrom("127.0.0.2")) {
                fifth.getOutputStream().write(rq);
                byte[] answer = fifth.getInputStream().readNBytes(10);
                assertEquals(0x03, answer[0], "A-ASSOCIATE-RJ for a fifth connection from the same address");
                assertEquals(2, answer[7], "rejected transient");
                assertEquals(2, answer[9], "local limit exceeded");
            }
            try (Socket other = rawFrom("127.0.0.3")) {
                other.getOutputStream().write(rq);
                assertEquals(0x02, other.getInputStream().read(), "another address associates (A-ASSOCIATE-AC)");
            }
            assertEquals(DimseStatus.SUCCESS.code(), client("MODALITY").echo(pleura()).code(),
                    "the modality still associates while the silent connections are held");
            // closed by the server after the 1 s ARTIM; without it each read would end on its 30 s socket timeout
            for (Socket s : silent) {
                assertTrue(closedByPeer(s), "a connection that never sends A-ASSOCIATE-RQ is closed by the server");
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    private int activeAssociations() throws Exception {
        var r = server.http().json("/health", 200);
        return r.at("/checks/dicom/activeAssociations").asInt(-1);
    }

    @Test
    void trustedModalitiesAreNeverStarvedByOtherPeers() throws Exception {
        server = TestNode.open(tmp.resolve("data"), b -> b.maxAssociations(4).security(SecurityConfig.defaults()
                .withAssociationLimits(2, 2, Duration.ofSeconds(20)).withTrustedAddresses(List.of("127.0.0.1"))));
        byte[] rq = associateRequest();
        List<Socket> silent = new ArrayList<>();
        try {
            for (String from : new String[]{"127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3"}) {
                silent.add(rawFrom(from));
            }
            // one thread accepts connections in the order they arrived and gives each its slot before the next: the
            // four silent connections hold theirs before the stranger's turn comes
            try (Socket stranger = rawFrom("127.0.0.4")) {
                stranger.getOutputStream().write(rq);
                assertEquals(0x03, stranger.getInputStream().read(), "every general slot is taken: rejected");
            }
            assertEquals(4, activeAssociations(), "the four silent connections hold the slots");
            assertEquals(DimseStatus.SUCCESS.code(), client("MODALITY").echo(pleura()).code(),
                    "the trusted modality's address gets a slot kept for it");
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }
}
