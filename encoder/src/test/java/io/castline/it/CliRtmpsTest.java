package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.cli.Main;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestCertificates;
import io.castline.testing.TestWorkdir;
import io.castline.testing.TlsTerminator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code castline live} to an RTMPS ingest behind a real TLS terminator: refused by default, live once trusted. */
@Tag("fault-matrix") // docs/fault-matrix.md
class CliRtmpsTest {
    private static final String KEY = "cli_tls_SECRET_2468";

    @Test
    void untrustedIsRefusedAndTheCaOrTheFingerprintGoLive() throws Exception {
        Path dir = TestWorkdir.fresh("cli-rtmps");
        TestCertificates ca = TestCertificates.newCa(dir.resolve("ca"), "Castline CLI Test CA");
        TestCertificates.KeyPair cert = ca.issue("127.0.0.1", "IP:127.0.0.1", "DNS:localhost");
        TestCertificates.KeyPair self = TestCertificates.selfSigned(dir, "self.home", "DNS:self.home");
        try (NginxRtmp ingest = NginxRtmp.start(dir.resolve("ingest"));
             TlsTerminator issued = TlsTerminator.start(dir.resolve("tls-issued"), ingest, cert);
             TlsTerminator selfSigned = TlsTerminator.start(dir.resolve("tls-self"), ingest, self)) {
            Run refused = live(dir, "refused", issued.url("127.0.0.1", NginxRtmp.LIVE, KEY + "_refused"));
            assertThat(refused.exit).as(refused.log).isEqualTo(Main.EXIT_ALL_OUTPUTS_FAILED);
            assertThat(refused.log).contains("primary failed: certificate is not trusted: issued by CN=Castline CLI Test CA")
                    .doesNotContain(KEY);

            Run withCa = live(dir, "ca", issued.url("127.0.0.1", NginxRtmp.LIVE, KEY + "_ca"),
                    "--primary-ca", ca.caCertificate().toString());
            assertThat(withCa.exit).as(withCa.log).isZero();

            Run pinned = live(dir, "pinned", selfSigned.url("localhost", NginxRtmp.LIVE, KEY + "_pin"),
                    "--primary-fingerprint", TestCertificates.sha256Fingerprint(self.certificate()));
            assertThat(pinned.exit).as(pinned.log).isZero();

            assertThat(ingest.recordings(KEY + "_refused")).isEmpty();
            for (String key : List.of(KEY + "_ca", KEY + "_pin")) {
                ingest.awaitPublishesFinished(NginxRtmp.LIVE, key, 1, Duration.ofSeconds(10));
                assertThat(Ffprobe.probe(ingest.recordings(key).get(0)).videoFrameCount()).as(key).isGreaterThan(30);
            }
        }
    }

    private record Run(int exit, String log) {}

    private static Run live(Path dir, String name, String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("live", "--video", "testsrc", "--audio", "none", "--canvas", "320x180",
                "--bitrate", "400k", "--gop", "1", "--primary", url, "--duration", "4"));
        args.addAll(List.of(more));
        Path log = dir.resolve(name + ".log");
        // a pinned certificate is cached per user: not in this machine's user's cache
        Process p = LiveFixture.castline(List.of("-Dcastline.cache.dir=" + dir.resolve("cache")), args, log, null);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(log));
    }
}
