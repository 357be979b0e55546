package io.castline.engine.tls;

import io.castline.engine.settings.UserCacheDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate a fingerprint pins, as a PEM file FFmpeg's OpenSSL can trust as its only root:
 * read once from the server (the chain is fetched, never trusted: a certificate is only kept when
 * its SHA-256 is the pinned one, which nobody else can produce) and kept in the user's cache
 * directory under its fingerprint.
 */
final class PinnedCertificates {
    private PinnedCertificates() {}

    /** Why a fetched or cached certificate cannot serve as the pin (the words for the host). */
    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    /**
     * @return the PEM file holding exactly the pinned certificate
     * @throws Refused     when the server presents another certificate, or the pinned one cannot be a root
     * @throws IOException when the server cannot be reached to read it
     */
    static Pinned get(String fingerprint, String host, int port, int timeoutMillis) throws IOException, Refused {
        Path file = UserCacheDir.get().resolve("pinned").resolve(Pem.fileName(fingerprint) + ".pem");
        X509Certificate cached = cached(file, fingerprint);
        if (cached != null) return new Pinned(file, cached);
        List<X509Certificate> chain = ServerCertificates.fetch(host, port, timeoutMillis);
        String why = CertificateDiagnosis.explainPin(chain, fingerprint);
        if (why != null) throw new Refused(why);
        Pem.write(file, List.of(chain.get(0)));
        return new Pinned(file, chain.get(0));
    }

    record Pinned(Path file, X509Certificate certificate) {}

    private static X509Certificate cached(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) return null;
        List<X509Certificate> certs = Pem.parse(readQuietly(file));
        if (certs.size() != 1 || !Pem.fingerprint(certs.get(0)).equals(fingerprint)) return null;
        return CertificateDiagnosis.selfSigned(certs.get(0)) ? certs.get(0) : null;
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
