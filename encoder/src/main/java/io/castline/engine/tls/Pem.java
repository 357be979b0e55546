package io.castline.engine.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** PEM certificate files, as OpenSSL (FFmpeg's {@code ca_file}) reads them, and certificate fingerprints. */
final class Pem {
    private Pem() {}

    /**
     * The certificates in a PEM file. Throws {@link IOException} with words when the file
     * is missing, unreadable or holds no certificate.
     */
    static List<X509Certificate> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist");
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        List<X509Certificate> certs = parse(bytes);
        if (certs.isEmpty()) throw new IOException(file + " holds no certificate (a PEM file: -----BEGIN CERTIFICATE-----)");
        return certs;
    }

    /**
     * The certificates of the {@code BEGIN CERTIFICATE} blocks in PEM text (empty when none; text
     * between the blocks is ignored). DER is not read: OpenSSL's {@code ca_file} would not read it either.
     */
    static List<X509Certificate> parse(byte[] bytes) {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(onlyCertificateBlocks(bytes))) {
            Collection<? extends Certificate> all = factory().generateCertificates(in);
            for (Certificate c : all) if (c instanceof X509Certificate x) out.add(x);
        } catch (CertificateException | IOException e) {
            return List.of();
        }
        return out;
    }

    /** Writes the certificates as PEM, atomically; unchanged content is not rewritten. */
    static void write(Path file, List<X509Certificate> certs) throws IOException {
        byte[] pem = encode(certs).getBytes(StandardCharsets.US_ASCII);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), pem)) return;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.write(tmp, pem);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String encode(List<X509Certificate> certs) {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal(), e);
            }
        }
        return sb.toString();
    }

    /** SHA-256 of the DER encoding, as {@code AB:CD:…} (the form {@code openssl x509 -fingerprint -sha256} prints). */
    static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** The fingerprint without colons, lower case: a file name. */
    static String fileName(String fingerprint) {
        return fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    /**
     * Keeps only the {@code BEGIN/END CERTIFICATE} blocks of a PEM file: bundles such as Debian's
     * carry comments, and OpenSSL's {@code TRUSTED CERTIFICATE} or key blocks would stop Java's parser.
     */
    private static byte[] onlyCertificateBlocks(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN CERTIFICATE-----", at);
            if (begin < 0) break;
            int end = text.indexOf("-----END CERTIFICATE-----", begin);
            if (end < 0) break;
            end += "-----END CERTIFICATE-----".length();
            sb.append(text, begin, end).append('\n');
            at = end;
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
