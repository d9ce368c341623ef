package org.pleura.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files: certificate chains ({@code BEGIN CERTIFICATE}, leaf first) and unencrypted private keys, PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Other forms are
 * refused with the {@code openssl} command that converts them.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemFiles() {
    }

    /** The certificates of a PEM file, in order. */
    public static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new TlsSetupException(file + ": no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException("no file " + file + " (give the PEM certificate file)", e);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The private key of a PEM file. */
    public static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsSetupException("no file " + file + " (give the PEM private key file)", e);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + ": damaged PEM block " + type, e);
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(file, der);
                case "RSA PRIVATE KEY":
                    return pkcs8(file, wrapRsa(der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsSetupException(file + ": the key is encrypted; give an unencrypted copy readable only "
                            + "by the server's user (openssl pkcs8 -in " + file + " -out key.pem)");
                case "EC PRIVATE KEY":
                    throw new TlsSetupException(file + ": SEC1 EC key; convert it to PKCS#8 with openssl pkcs8 -topk8 "
                            + "-nocrypt -in " + file + " -out key.pem");
                default:
                    // skip other blocks (parameters, certificates)
            }
        }
        throw new TlsSetupException(file + ": no private key (expected PEM: -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : new String[]{"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new TlsSetupException(file + ": a private key of an unsupported kind (RSA, EC and Ed25519 are read)");
    }

    /** PKCS#1 RSAPrivateKey to PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING key }. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[]{(byte) n};
        }
        if (n < 0x100) {
            return new byte[]{(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
