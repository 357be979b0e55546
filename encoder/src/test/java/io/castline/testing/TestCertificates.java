package io.castline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made at run time with the {@code openssl} command line (Debian's
 * {@code openssl}), and the server certificates tests need: issued by it for given names, expired,
 * or self-signed. Keys are P-256; every file lives under the directory given.
 */
public final class TestCertificates {

    /** A certificate and its private key, PEM files. */
    public record KeyPair(Path certificate, Path key) {}

    private final Path dir;
    private final KeyPair ca;

    private TestCertificates(Path dir, KeyPair ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** Makes a new CA called {@code name} under {@code dir}. */
    public static TestCertificates newCa(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = fileName(name);
        KeyPair ca = new KeyPair(dir.resolve(file + ".pem"), dir.resolve(file + ".key"));
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2",
                "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new TestCertificates(dir, ca);
    }

    /** The CA's own certificate (what a client must trust). */
    public Path caCertificate() {
        return ca.certificate();
    }

    /**
     * A server certificate issued by this CA, valid from now for a day, with subject CN {@code cn} and the
     * subject alternative names given as OpenSSL writes them ({@code "IP:127.0.0.1"}, {@code "DNS:localhost"}).
     */
    public KeyPair issue(String cn, String... subjectAltNames) {
        return sign(cn, List.of(subjectAltNames), null, null);
    }

    /** Like {@link #issue}, valid only during the given period ({@code yyyyMMddHHmmssZ}, e.g. {@code 20240101000000Z}). */
    public KeyPair issueValid(String from, String until, String cn, String... subjectAltNames) {
        return sign(cn, List.of(subjectAltNames), from, until);
    }

    /** A self-signed server certificate (not a CA), as a home server or a test ingest makes one. */
    public static KeyPair selfSigned(Path dir, String cn, String... subjectAltNames) {
        String file = fileName("self-" + cn);
        KeyPair pair = new KeyPair(dir.resolve(file + ".pem"), dir.resolve(file + ".key"));
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", pair.key().toString(), "-out", pair.certificate().toString(), "-days", "1",
                "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:FALSE",
                "-addext", "keyUsage=critical,digitalSignature", "-addext", "extendedKeyUsage=serverAuth"));
        if (subjectAltNames.length > 0) args.addAll(List.of("-addext", "subjectAltName=" + String.join(",", subjectAltNames)));
        openssl(dir, args.toArray(String[]::new));
        return pair;
    }

    /** {@code openssl x509 -fingerprint -sha256} of a certificate: {@code AB:CD:…}. */
    public static String sha256Fingerprint(Path certificate) {
        String out = openssl(certificate.getParent(), "x509", "-in", certificate.toString(), "-noout", "-fingerprint", "-sha256");
        return out.substring(out.indexOf('=') + 1).strip();
    }

    private KeyPair sign(String cn, List<String> sans, String from, String until) {
        String file = fileName(cn + (from == null ? "" : "-" + from + "-" + until));
        Path csr = dir.resolve(file + ".csr");
        Path ext = dir.resolve(file + ".ext");
        KeyPair pair = new KeyPair(dir.resolve(file + ".pem"), dir.resolve(file + ".key"));
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pair.key().toString(), "-out", csr.toString(), "-subj", "/CN=" + cn);
        String extensions = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                + (sans.isEmpty() ? "" : "subjectAltName=" + String.join(",", sans) + "\n");
        try {
            Files.writeString(ext, extensions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (from == null) {
            openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.certificate().toString(), "-CAkey", ca.key().toString(),
                    "-CAcreateserial", "-out", pair.certificate().toString(), "-days", "1", "-extfile", ext.toString());
        } else {
            // openssl x509 (3.0) cannot back-date; 'openssl ca' can, with a throw-away database
            Path db = dir.resolve(file + ".db");
            Path conf = dir.resolve(file + ".cnf");
            try {
                Files.createDirectories(db);
                Files.writeString(db.resolve("index.txt"), "");
                Files.writeString(conf, """
                        [ca]
                        default_ca = test
                        [test]
                        database = %1$s/index.txt
                        new_certs_dir = %1$s
                        rand_serial = yes
                        default_md = sha256
                        policy = any
                        copy_extensions = none
                        unique_subject = no
                        [any]
                        commonName = supplied
                        """.formatted(db));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            openssl(dir, "ca", "-batch", "-config", conf.toString(), "-in", csr.toString(), "-cert", ca.certificate().toString(),
                    "-keyfile", ca.key().toString(), "-startdate", from, "-enddate", until, "-extfile", ext.toString(),
                    "-notext", "-out", pair.certificate().toString());
        }
        return pair;
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /** Runs {@code openssl args…} in {@code dir}; its output, or an exception carrying it when it fails. */
    private static String openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (Debian package 'openssl')", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
