package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.net.DicomNode;
import org.pleura.server.config.SecurityConfig;
import org.pleura.server.dimse.CStoreSender;
import org.pleura.server.dimse.SendOutcome;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;
import org.pleura.server.tls.TlsContexts;

/**
 * TLS with real peers: certificates made by {@code openssl} for the test, curl and Java's HTTP client over HTTPS,
 * dcmtk's {@code echoscu}/{@code storescu +tls} into Pleura's DICOM TLS port, client certificates required, and
 * Pleura's route sender into dcmtk's {@code storescp +tls}. Skipped when openssl, curl or dcmtk is missing.
 */
class TlsTest {

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;
    final List<Process> peers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : peers) {
            Tools.stop(p);
        }
    }

    /** A test CA, a server certificate for localhost / 127.0.0.1 and a client certificate, all PEM. */
    record Pki(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
    }

    private Pki pki() throws Exception {
        Path openssl = Tools.require("openssl", "openssl");
        Path d = Files.createDirectories(tmp.resolve("pki"));
        Files.writeString(d.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d.resolve("ca.key")
                .toString(), "-out", d.resolve("ca.pem").toString(), "-days", "2", "-subj", "/CN=Pleura Test CA");
        for (String who : new String[]{"server", "client"}) {
            run(openssl.toString(), "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d.resolve(who + ".key")
                    .toString(), "-out", d.resolve(who + ".csr").toString(), "-subj", "/CN=" + (who.equals("server")
                    ? "localhost" : "MODALITY"));
            run(openssl.toString(), "x509", "-req", "-in", d.resolve(who + ".csr").toString(), "-CA",
                    d.resolve("ca.pem").toString(), "-CAkey", d.resolve("ca.key").toString(), "-CAcreateserial",
                    "-out", d.resolve(who + ".pem").toString(), "-days", "2", "-extfile", d.resolve("san.ext")
                            .toString());
        }
        return new Pki(d.resolve("ca.pem"), d.resolve("server.pem"), d.resolve("server.key"), d.resolve("client.pem"),
                d.resolve("client.key"));
    }

    private static Tools.Result run(String... command) throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(120), List.of(command));
        assertTrue(r.ok(), String.join(" ", command) + "\n" + r.output());
        return r;
    }

    private void start(Pki pki, boolean requireClientCert) {
        SecurityConfig.TlsFiles files = new SecurityConfig.TlsFiles(pki.serverCert(), pki.serverKey(),
                requireClientCert ? Optional.of(pki.ca()) : Optional.empty(), Optional.of(pki.ca()));
        server = TestNode.open(tmp.resolve("data"), b -> b.security(SecurityConfig.defaults().withTls(files, 0, 0)));
    }

    private static SSLContext trusting(Pki pki, boolean withClientCert) {
        if (!withClientCert) {
            return TlsContexts.trustOnly(pki.ca());
        }
        return TlsContexts.load(new SecurityConfig.TlsFiles(pki.clientCert(), pki.clientKey(), Optional.empty(),
                Optional.of(pki.ca()))).client();
    }

    @Test
    void httpsWithHstsAndOnlyModernTls() throws Exception {
        Pki pki = pki();
        start(pki, false);
        assertTrue(server.httpsPort() > 0);
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(pki, false)).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r.version(), "HTTP/2 negotiated by ALPN");
        assertEquals("max-age=31536000", r.headers().firstValue("Strict-Transport-Security").orElse(""));

        Path curl = Tools.require("curl", "curl");
        String url = "https://localhost:" + server.httpsPort() + "/health";
        Tools.Result ok = Tools.run(Duration.ofSeconds(30), List.of(curl.toString(), "-sS", "--cacert",
                pki.ca().toString(), "-o", "/dev/null", "-w", "%{http_code} %{ssl_verify_result}", url));
        assertEquals("200 0", ok.output().strip(), ok.output());
        Tools.Result http11 = Tools.run(Duration.ofSeconds(30), List.of(curl.toString(), "-sS", "--http1.1",
                "--cacert", pki.ca().toString(), "-o", "/dev/null", "-w", "%{http_code} %{http_version}", url));
        assertEquals("200 1.1", http11.output().strip(), "clients without HTTP/2 still get HTTP/1.1");
        Tools.Result old = Tools.run(Duration.ofSeconds(30), List.of(curl.toString(), "-sS", "--cacert",
                pki.ca().toString(), "--tlsv1.1", "--tls-max", "1.1", "-o", "/dev/null", url));
        assertFalse(old.ok(), "TLS 1.1 is refused: " + old.output());
        Tools.Result untrusted = Tools.run(Duration.ofSeconds(30), List.of(curl.toString(), "-sS", "-o",
                "/dev/null", url));
        assertFalse(untrusted.ok(), "curl without the CA does not trust the test certificate");
    }

    @Test
    void dcmtkSendsOverDicomTlsWithAClientCertificateAndIsRefusedWithout() throws Exception {
        Path echoscu = Tools.require("echoscu", "dcmtk");
        Path storescu = Tools.require("storescu", "dcmtk");
        Pki pki = pki();
        start(pki, true);
        String port = Integer.toString(server.dicomTlsPort());
        Tools.Result echo = Tools.run(Duration.ofSeconds(60), List.of(echoscu.toString(), "-v", "+tls",
                pki.clientKey().toString(), pki.clientCert().toString(), "+cf", pki.ca().toString(), "-aet", "MODALITY",
                "-aec", "PLEURA", "localhost", port));
        assertTrue(echo.ok(), echo.output());
        Tools.Result anonymous = Tools.run(Duration.ofSeconds(60), List.of(echoscu.toString(), "+tla", "+cf",
                pki.ca().toString(), "-aec", "PLEURA", "localhost", port));
        assertFalse(anonymous.ok(), "no client certificate, no association: " + anonymous.output());
        Tools.Result plainToTls = Tools.run(Duration.ofSeconds(60), List.of(echoscu.toString(), "-to", "10",
                "-aec", "PLEURA", "localhost", port));
        assertFalse(plainToTls.ok(), "plain DICOM on the TLS port fails");

        Path file = tmp.resolve("chest.dcm");
        SharedImages.copyWithNewUids(SharedImages.chestFiles().get(0), file, null, null);
        Tools.Result store = Tools.run(Duration.ofSeconds(120), List.of(storescu.toString(), "-v", "+tls",
                pki.clientKey().toString(), pki.clientCert().toString(), "+cf", pki.ca().toString(), "-aet",
                "MODALITY", "-aec", "PLEURA", "localhost", port, file.toString()));
        assertTrue(store.ok(), store.output());
        assertTrue(store.output().contains("Received Store Response (Success)"), store.output());

        HttpClient noCert = HttpClient.newBuilder().sslContext(trusting(pki, false)).build();
        assertThrows(IOException.class, () -> noCert.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                + server.httpsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString()),
                "HTTPS without a client certificate is refused too");
        HttpClient withCert = HttpClient.newBuilder().sslContext(trusting(pki, true)).build();
        assertEquals(200, withCert.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void routesReachDcmtkStorescpOverTls() throws Exception {
        Path storescp = Tools.require("storescp", "dcmtk");
        Pki pki = pki();
        Path inbox = Files.createDirectories(tmp.resolve("pacs"));
        int port = Tools.freePort();
        Process pacs = new ProcessBuilder(storescp.toString(), "-v", "+tls", pki.serverKey().toString(),
                pki.serverCert().toString(), "+cf", pki.ca().toString(), "-aet", "PACS", "-od", inbox.toString(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(tmp.resolve("storescp.log").toFile())
                .start();
        peers.add(pacs);
        Path file = tmp.resolve("result.dcm");
        SharedImages.copyWithNewUids(SharedImages.chestFiles().get(0), file, null, null);
        SecurityConfig.TlsFiles ours = new SecurityConfig.TlsFiles(pki.clientCert(), pki.clientKey(), Optional.empty(),
                Optional.of(pki.ca()));
        CStoreSender sender = new CStoreSender("PLEURA", TlsContexts.load(ours).client());
        DicomNode route = DicomNode.parse("PACS@localhost:" + port + "?tls");
        assertTrue(route.tls());
        SendOutcome outcome = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            outcome = sender.send(route, List.of(file));
            if (!(outcome instanceof SendOutcome.Retry r && r.toString().contains("refused"))) {
                break; // storescp is listening
            }
            Thread.onSpinWait();
        }
        assertTrue(outcome instanceof SendOutcome.Acknowledged, String.valueOf(outcome) + "\n"
                + Files.readString(tmp.resolve("storescp.log")));
        try (Stream<Path> received = Files.list(inbox)) {
            assertEquals(1, received.count(), "the PACS stored the object received over TLS");
        }
        SendOutcome plain = sender.send(DicomNode.parse("PACS@localhost:" + port), List.of(file));
        assertTrue(plain instanceof SendOutcome.Retry, "plain DICOM to a TLS PACS fails: " + plain);
        CStoreSender untrusting = new CStoreSender("PLEURA", SSLContext.getDefault());
        SendOutcome refused = untrusting.send(route, List.of(file));
        assertTrue(refused instanceof SendOutcome.Retry && refused.toString().contains("TLS"),
                "a PACS whose certificate is not trusted is not sent to: " + refused);
    }

    @Test
    void pemKeysInPkcs1AreReadAndEncryptedOnesRefusedWithTheFix() throws Exception {
        Pki pki = pki();
        Path openssl = Tools.require("openssl", "openssl");
        Path pkcs1 = tmp.resolve("pki/server-pkcs1.key");
        run(openssl.toString(), "rsa", "-in", pki.serverKey().toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        TlsContexts c = TlsContexts.load(new SecurityConfig.TlsFiles(pki.serverCert(), pkcs1));
        assertEquals("CN=localhost", c.subject());
        Path encrypted = tmp.resolve("pki/server-encrypted.key");
        run(openssl.toString(), "pkcs8", "-topk8", "-in", pki.serverKey().toString(), "-passout", "pass:secret",
                "-out", encrypted.toString());
        org.pleura.server.tls.TlsSetupException e = assertThrows(org.pleura.server.tls.TlsSetupException.class,
                () -> TlsContexts.load(new SecurityConfig.TlsFiles(pki.serverCert(), encrypted)));
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("openssl"), e.getMessage());
        org.pleura.server.tls.TlsSetupException notPem = assertThrows(org.pleura.server.tls.TlsSetupException.class,
                () -> TlsContexts.load(new SecurityConfig.TlsFiles(pki.serverKey(), pki.serverKey())));
        assertTrue(notPem.getMessage().contains("certificate"), notPem.getMessage());
    }
}
