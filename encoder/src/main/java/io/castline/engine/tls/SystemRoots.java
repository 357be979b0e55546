package io.castline.engine.tls;

import io.castline.engine.settings.UserCacheDir;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The roots this computer trusts, as one PEM file for FFmpeg's {@code ca_file}. The bundled FFmpeg
 * links OpenSSL statically and its default verify paths point into the machine it was built on
 * ({@code /home/runner/work/javacpp-presets/…/ssl/cert.pem}), so without a {@code ca_file} it
 * trusts nothing at all; Castline always gives one.
 *
 * <ul>
 *   <li>{@code SSL_CERT_FILE}, when set (OpenSSL's own convention), wins.</li>
 *   <li>Linux and the BSDs: the distribution's bundle, where Go and curl look for it
 *       ({@code /etc/ssl/certs/ca-certificates.crt} on Debian and Ubuntu, {@code /etc/pki/tls/certs/ca-bundle.crt}
 *       on Fedora, …), so {@code update-ca-certificates} is honoured at the next connect.</li>
 *   <li>Windows and macOS (no such file), or a Linux without one: the operating system's trusted
 *       roots (Windows {@code ROOT} store, macOS keychains) and the JVM's, exported to
 *       {@code trusted-roots.pem} in the user's cache directory at every connect (unchanged
 *       content is not rewritten), so a root the user adds is used at the next connect too.</li>
 * </ul>
 */
public final class SystemRoots {
    /** The bundles' usual places, as Go's crypto/x509 lists them (first that exists wins). */
    static final List<Path> UNIX_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),                 // Debian, Ubuntu, Gentoo, Arch
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),                   // Fedora, RHEL 6
            Path.of("/etc/ssl/ca-bundle.pem"),                             // openSUSE
            Path.of("/etc/pki/tls/cacert.pem"),                            // OpenELEC
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"),  // CentOS, RHEL 7
            Path.of("/etc/ssl/cert.pem"));                                 // Alpine, the BSDs

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

    private SystemRoots() {}

    /** The PEM file to trust by default. Throws when there is none and none can be made. */
    public static Path pemFile() throws IOException {
        String env = System.getenv("SSL_CERT_FILE");
        if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env))) return Path.of(env);
        if (!OS.contains("win") && !OS.contains("mac")) {
            for (Path bundle : UNIX_BUNDLES) {
                if (Files.isRegularFile(bundle) && Files.size(bundle) > 0) return bundle;
            }
        }
        return export(UserCacheDir.get().resolve("trusted-roots.pem"));
    }

    /** Writes the operating system's and the JVM's trusted roots to {@code file}. */
    static Path export(Path file) throws IOException {
        Map<String, X509Certificate> roots = new LinkedHashMap<>();
        for (String store : osStores()) {
            for (X509Certificate c : fromKeyStore(store)) roots.putIfAbsent(Pem.fingerprint(c), c);
        }
        for (X509Certificate c : jvmRoots()) roots.putIfAbsent(Pem.fingerprint(c), c);
        if (roots.isEmpty()) throw new IOException("this computer has no trusted root certificates Castline can read");
        Pem.write(file, new ArrayList<>(roots.values()));
        return file;
    }

    private static List<String> osStores() {
        if (OS.contains("win")) return List.of("Windows-ROOT");
        if (OS.contains("mac")) return List.of("KeychainStore");
        return List.of();
    }

    /** The certificates of a platform key store (Windows-ROOT, KeychainStore); empty when it cannot be read. */
    private static List<X509Certificate> fromKeyStore(String type) {
        try {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(null, null);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) out.add(x);
            }
            return out;
        } catch (GeneralSecurityException | IOException e) {
            return List.of();
        }
    }

    /** The JVM's default trusted roots ({@code cacerts}, or {@code javax.net.ssl.trustStore}). */
    private static List<X509Certificate> jvmRoots() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return List.of(x.getAcceptedIssuers());
            }
        } catch (GeneralSecurityException e) {
            // no JVM roots: the OS's (if any) are used alone
        }
        return List.of();
    }
}
