package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.TlsTrust;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestCertificates;
import io.castline.testing.TestCertificates.KeyPair;
import io.castline.testing.TestWorkdir;
import io.castline.testing.TlsTerminator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTMPS verifies the server's certificate: a real TLS terminator (nginx stream) in front of a real
 * nginx-rtmp presents certificates from a CA made at run time. A refused certificate fails the
 * output with the reason in words, and nothing reaches the ingest (no publish, so no key); a
 * trusted one goes live and the stream arrives.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class RtmpsTrustTest {
    private static final String KEY = "sk_tls_secret_4711";
    private static Path dir;
    private static TestCertificates ca;
    private static KeyPair good;
    private static KeyPair evil;
    private static String oldCacheDir;

    @BeforeAll
    static void makeCertificates() {
        dir = TestWorkdir.fresh("rtmps-trust");
        ca = TestCertificates.newCa(dir.resolve("ca"), "Castline Test CA");
        good = ca.issue("127.0.0.1", "IP:127.0.0.1", "DNS:localhost");
        evil = ca.issue("evil.example", "DNS:evil.example");
        // pinned certificates are cached per user: keep this run's apart
        oldCacheDir = System.getProperty("castline.cache.dir");
        System.setProperty("castline.cache.dir", dir.resolve("cache").toString());
    }

    @AfterAll
    static void restoreCacheDir() {
        if (oldCacheDir == null) System.clearProperty("castline.cache.dir");
        else System.setProperty("castline.cache.dir", oldCacheDir);
    }

    /** (a) The default trust is the system's roots: a certificate from an unknown CA is refused, and the key never leaves. */
    @Test
    void certificateFromAnUntrustedCaFailsAndNothingIsPublished() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/untrusted");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, good)) {
            String reason = failedReason(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY)));
            assertThat(reason).startsWith("certificate is not trusted: issued by CN=Castline Test CA, which is not in "
                    + "the system's trusted roots (127.0.0.1:" + tls.port() + ")").endsWith("the stream key was not sent");
            assertNothingPublished(ingest);
        }
    }

    /** A self-signed certificate is named as such, with the fingerprint that would trust it. */
    @Test
    void selfSignedCertificateIsRefusedByDefault() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/self-signed");
        KeyPair self = TestCertificates.selfSigned(d, "ingest.home", "DNS:ingest.home", "IP:127.0.0.1");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, self)) {
            String reason = failedReason(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY)));
            assertThat(reason).startsWith("certificate is self-signed and not trusted (CN=ingest.home, SHA-256 fingerprint "
                    + TestCertificates.sha256Fingerprint(self.certificate()) + ")");
            assertNothingPublished(ingest);
        }
    }

    /** (b) A trusted CA's certificate for another name: refused, whether the URL names the host by address or by name. */
    @Test
    void certificateForAnotherHostFailsWithDoesNotMatch() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/mismatch");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, evil)) {
            TlsTrust trustCa = TlsTrust.caFile(ca.caCertificate());
            String byAddress = failedReason(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY)).withTrust(trustCa));
            assertThat(byAddress).startsWith("certificate for evil.example does not match 127.0.0.1 (127.0.0.1:" + tls.port() + ")");
            String byName = failedReason(Destination.parse("primary", tls.url("localhost", NginxRtmp.LIVE, KEY)).withTrust(trustCa));
            assertThat(byName).startsWith("certificate for evil.example does not match localhost (localhost:" + tls.port() + ")");
            assertNothingPublished(ingest);
        }
    }

    /** A certificate past its validity is refused with the date. */
    @Test
    void expiredCertificateFailsWithTheDate() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/expired");
        KeyPair expired = ca.issueValid("20240101000000Z", "20240102000000Z", "127.0.0.1", "IP:127.0.0.1");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, expired)) {
            String reason = failedReason(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY))
                    .withTrust(TlsTrust.caFile(ca.caCertificate())));
            assertThat(reason).startsWith("certificate expired on 2024-01-02 00:00 UTC");
            assertNothingPublished(ingest);
        }
    }

    /**
     * (c) The CA trusted for this destination and a right certificate: both outputs go live, by
     * address (through the loopback tunnel, with the real tcUrl) and by name, and the stream arrives.
     */
    @Test
    void trustedCaAndMatchingCertificateGoLive() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/trusted");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, good)) {
            TlsTrust trustCa = TlsTrust.caFile(ca.caCertificate());
            Broadcast b = Broadcast.start(LiveFixture.config(small(), "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY + "_ip")).withTrust(trustCa)),
                    OutputTarget.network(Destination.parse("backup", tls.url("localhost", NginxRtmp.LIVE, KEY + "_name")).withTrust(trustCa))),
                    null);
            try {
                LiveFixture.await("both live", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE
                        && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);
                // through the tunnel too, the output's TCP statistics are those of its connection to the server
                assertThat(b.lastSnapshot().outputs()).allSatisfy(o -> assertThat(o.rttMs()).as(o.name()).isNotNull());
            } finally {
                b.stop();
            }
            for (String key : new String[]{KEY + "_ip", KEY + "_name"}) {
                ingest.awaitPublishesFinished(NginxRtmp.LIVE, key, 1, Duration.ofSeconds(10));
                Ffprobe.Probe p = Ffprobe.probe(ingest.recordings(key).get(0));
                assertThat(p.video().codecName()).as(key).isEqualTo("h264");
                assertThat(p.videoFrameCount()).as(key).isGreaterThan(3 * 30);
                assertThat(p.audio()).as(key).isNotNull();
            }
            // the server is told its own address, not the tunnel's
            assertThat(ingest.errorLog()).contains("tc_url='rtmps://127.0.0.1:" + tls.port() + "/live'")
                    .contains("tc_url='rtmps://localhost:" + tls.port() + "/live'");
        }
    }

    /** (d) A self-signed certificate pinned by its fingerprint goes live; another fingerprint is refused. */
    @Test
    void pinnedSelfSignedCertificateGoesLiveAndAnotherPinIsRefused() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/pinned");
        // a home server's certificate that names neither 127.0.0.1 nor localhost: the pin is the identity
        KeyPair self = TestCertificates.selfSigned(d, "ingest.home", "DNS:ingest.home");
        String pin = TestCertificates.sha256Fingerprint(self.certificate());
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, self)) {
            String other = TestCertificates.sha256Fingerprint(good.certificate());
            String refused = failedReason(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY))
                    .withTrust(TlsTrust.fingerprint(other)));
            assertThat(refused).startsWith("certificate is not the trusted one: its SHA-256 fingerprint is " + pin + ", not " + other);
            assertNothingPublished(ingest);

            Broadcast b = Broadcast.start(LiveFixture.config(small(), "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY + "_ip"))
                            .withTrust(TlsTrust.fingerprint(pin.toLowerCase().replace(":", "")))),
                    OutputTarget.network(Destination.parse("backup", tls.url("localhost", NginxRtmp.LIVE, KEY + "_name"))
                            .withTrust(TlsTrust.fingerprint(pin)))), null);
            try {
                LiveFixture.await("both live", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE
                        && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(4);
            } finally {
                b.stop();
            }
            for (String key : new String[]{KEY + "_ip", KEY + "_name"}) {
                ingest.awaitPublishesFinished(NginxRtmp.LIVE, key, 1, Duration.ofSeconds(10));
                // an output that connects late starts at the next keyframe (2 s GOP): at least 2 s of the 4
                assertThat(Ffprobe.probe(ingest.recordings(key).get(0)).videoFrameCount()).as(key).isGreaterThan(2 * 30 - 10);
            }
        }
    }

    /** The CA file is read at every connect: after the user puts the right CA in it, Retry now goes live. */
    @Test
    void retryNowGoesLiveOnceTheCaFileTrustsTheServer() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/retry");
        TestCertificates otherCa = TestCertificates.newCa(d.resolve("other-ca"), "Some Other CA");
        Path caFile = d.resolve("trusted.pem");
        Files.copy(otherCa.caCertificate(), caFile);
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, good)) {
            Broadcast b = Broadcast.start(LiveFixture.config(small(), "testsrc", null, "none",
                    OutputTarget.network(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY))
                            .withTrust(TlsTrust.caFile(caFile)))), null);
            try {
                LiveFixture.await("failed", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.FAILED);
                assertThat(b.output("primary").status().reason())
                        .startsWith("certificate is not trusted: issued by CN=Castline Test CA, which is not in the CA file " + caFile);
                assertNothingPublished(ingest);

                Files.copy(ca.caCertificate(), caFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                b.output("primary").retryNow();
                LiveFixture.await("live after retry", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(2);
            } finally {
                b.stop();
            }
            ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            assertThat(ingest.recordings(KEY)).hasSize(1);
        }
    }

    /**
     * A certificate refused while reconnecting (the path now leads to someone else) fails the output
     * for good instead of retrying; once the right server is back, Retry now resumes.
     */
    @Test
    void certificateRefusedWhileReconnectingFailsInsteadOfRetrying() throws Exception {
        Path d = TestWorkdir.fresh("rtmps-trust/reconnect");
        try (NginxRtmp ingest = NginxRtmp.start(d.resolve("ingest"));
             TlsTerminator tls = TlsTerminator.start(d.resolve("tls"), ingest, good)) {
            Broadcast b = Broadcast.start(LiveFixture.config(small(), "testsrc", null, "none",
                    OutputTarget.network(Destination.parse("primary", tls.url("127.0.0.1", NginxRtmp.LIVE, KEY))
                            .withTrust(TlsTrust.caFile(ca.caCertificate())))), null);
            try {
                LiveFixture.await("live", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(4); // established: a loss now means "reconnect"
                tls.restart(evil);
                LiveFixture.await("failed", Duration.ofSeconds(20), () -> b.output("primary").state() == OutputState.FAILED);
                assertThat(b.output("primary").status().reason()).startsWith("certificate for evil.example does not match 127.0.0.1");
                int reconnects = b.output("primary").status().reconnects();
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("primary").state()).as("not retried").isEqualTo(OutputState.FAILED);
                assertThat(b.output("primary").status().reconnects()).isEqualTo(reconnects);

                tls.restart(good);
                b.output("primary").retryNow();
                LiveFixture.await("live again", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE);
            } finally {
                b.stop();
            }
            ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 2, Duration.ofSeconds(10));
        }
    }

    /** Through the tunnel (an address URL), a server that cannot be reached or does not answer is still named by its address. */
    @Test
    void anUnreachableServerIsNamedByItsAddressNotTheTunnels() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String refused = failedReason(Destination.parse("primary", "rtmps://127.0.0.1:" + closed + "/live/" + KEY));
        assertThat(refused).isEqualTo("cannot connect: Connection refused (127.0.0.1:" + closed + ")");
        // accepts the connection and never answers the TLS handshake
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String reason = failedReason(Destination.parse("primary", "rtmps://127.0.0.1:" + silent.getLocalPort() + "/live/" + KEY));
            assertThat(reason).contains("(127.0.0.1:" + silent.getLocalPort() + ")").doesNotContain("localhost");
        }
    }

    /** Runs a broadcast to {@code destination} alone until its output failed; its reason (which never holds the key). */
    private static String failedReason(Destination destination) throws Exception {
        Broadcast b = Broadcast.start(LiveFixture.config(small(), "testsrc", null, "none", OutputTarget.network(destination)), null);
        try {
            LiveFixture.await(destination.name() + " failed", Duration.ofSeconds(15),
                    () -> b.output(destination.name()).state() == OutputState.FAILED);
            String reason = b.output(destination.name()).status().reason();
            LiveFixture.sleepSeconds(2);
            assertThat(b.output(destination.name()).state()).as("a refused certificate is not retried").isEqualTo(OutputState.FAILED);
            assertThat(reason).doesNotContain(KEY);
            return reason;
        } finally {
            b.stop();
        }
    }

    /** nginx-rtmp saw no RTMP session at all: no publish, so the key was never sent. */
    private static void assertNothingPublished(NginxRtmp ingest) {
        assertThat(ingest.recordings(KEY)).isEmpty();
        assertThat(ingest.accessLog()).noneMatch(l -> l.contains("PUBLISH") || l.contains(KEY));
        assertThat(ingest.errorLog()).doesNotContain("publish").doesNotContain(KEY);
    }

    /** A small stream: these tests are about the connection, not the encoder. */
    private static EncoderSettings small() {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 426;
        b.height = 240;
        b.bitrateKbps = 600;
        b.preset = "ultrafast";
        return b.build();
    }
}
