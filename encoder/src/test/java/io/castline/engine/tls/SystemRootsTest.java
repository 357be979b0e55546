package io.castline.engine.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SystemRootsTest {

    /** On this Debian machine (ca-certificates): the distribution's bundle, unless SSL_CERT_FILE names another. */
    @Test
    void theDistributionBundleIsTheDefault() throws Exception {
        String env = System.getenv("SSL_CERT_FILE");
        Path bundle = env != null && Files.isRegularFile(Path.of(env)) ? Path.of(env)
                : SystemRoots.UNIX_BUNDLES.stream().filter(Files::isRegularFile).findFirst().orElseThrow();
        assertThat(SystemRoots.pemFile()).isEqualTo(bundle);
        assertThat(Pem.read(bundle)).hasSizeGreaterThan(50);
    }

    /** Where no bundle exists (Windows, macOS): the OS's and the JVM's roots, exported as PEM, rewritten only on change. */
    @Test
    void theExportHoldsTheJvmRootsAsPem(@TempDir Path dir) throws Exception {
        Path file = SystemRoots.export(dir.resolve("trusted-roots.pem"));
        List<X509Certificate> roots = Pem.read(file);
        assertThat(roots).hasSizeGreaterThan(50);
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----\n");
        long written = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
        SystemRoots.export(file);
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("unchanged: not rewritten").isEqualTo(written - 60_000);
    }
}
