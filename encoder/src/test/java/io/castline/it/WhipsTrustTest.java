package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.TlsTrust;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.source.SourceSpec;
import io.castline.testing.TestCertificates;
import io.castline.testing.TestWorkdir;
import io.castline.testing.TlsTerminator;
import io.castline.testing.WhipReceiver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code whips://}: the WHIP request over HTTPS that Castline verifies (FFmpeg's muxer would not),
 * against the test WHIP endpoint behind a real TLS terminator (nginx's stream module): a trusted
 * certificate carries the session to Chromium; an untrusted one is refused in words before the
 * token is sent, and the endpoint never sees a request.
 */
class WhipsTrustTest {
    private static final String TOKEN = "whips-bearer-token-6t1";

    private static String url(TlsTerminator tls) {
        return "whips://127.0.0.1:" + tls.port() + WhipReceiver.PATH + "?token=" + TOKEN;
    }

    private static Broadcast start(Destination d) throws Exception {
        return Broadcast.start(new Broadcast.Config(WhipOutputTest.webRtc(800), SourceSpec.parseVideo("testsrc", null),
                SourceSpec.parseAudio("sine", null), List.of(OutputTarget.network(d)), Output.Config.standard()), null);
    }

    @Test
    void aCertificateFromTheTrustedCaCarriesTheSessionAndItsDelete() throws Exception {
        Path dir = TestWorkdir.fresh("whips-trusted");
        TestCertificates ca = TestCertificates.newCa(dir.resolve("ca"), "Castline Test CA");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN);
             TlsTerminator tls = TlsTerminator.start(dir.resolve("tls"), receiver.port(), ca.issue("127.0.0.1", "IP:127.0.0.1"))) {
            Destination d = Destination.parse("web", url(tls)).withTrust(TlsTrust.caFile(ca.caCertificate()));
            assertThat(d.tls()).isTrue();
            Broadcast b = start(d);
            try {
                Map<String, Object> r = WhipOutputTest.awaitDecoded(receiver, "s1", 90);
                System.out.printf(Locale.ROOT, "FIGURES whips: %s%n", r);
                WhipOutputTest.assertDecodedPicture(r);
                assertThat(receiver.requests()).containsExactly("201");
            } finally {
                b.stop();
            }
            LiveFixture.await("the session DELETEd through the relay", Duration.ofSeconds(5), () -> receiver.deleted().contains("s1"));
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedInWordsAndTheTokenIsNeverSent() throws Exception {
        Path dir = TestWorkdir.fresh("whips-untrusted");
        TestCertificates.KeyPair self = TestCertificates.selfSigned(dir, "ingest.home", "DNS:ingest.home", "IP:127.0.0.1");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN);
             TlsTerminator tls = TlsTerminator.start(dir.resolve("tls"), receiver.port(), self)) {
            Broadcast b = start(Destination.parse("web", url(tls))); // the system's roots
            try {
                LiveFixture.await("the WHIP output failed", Duration.ofSeconds(20),
                        () -> b.outputs().get(0).status().state() == OutputState.FAILED);
                OutputStatus s = b.outputs().get(0).status();
                assertThat(s.reason()).startsWith("certificate is self-signed and not trusted (CN=ingest.home, SHA-256 fingerprint "
                        + TestCertificates.sha256Fingerprint(self.certificate()) + ")")
                        .endsWith("the WHIP token was not sent").doesNotContain(TOKEN);
                assertThat(receiver.requests()).as("no request reached the endpoint").isEmpty();
            } finally {
                b.stop();
            }
            // the same certificate, pinned by its fingerprint: trusted
            Broadcast pinned = start(Destination.parse("web", url(tls))
                    .withTrust(TlsTrust.fingerprint(TestCertificates.sha256Fingerprint(self.certificate()))));
            try {
                assertThat(WhipOutputTest.number(WhipOutputTest.awaitDecoded(receiver, "s1", 30), "framesDecoded")).isGreaterThan(29);
            } finally {
                pinned.stop();
            }
        }
    }
}
