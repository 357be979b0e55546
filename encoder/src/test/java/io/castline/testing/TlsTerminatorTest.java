package io.castline.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's TLS terminator, checked with the bundled ffmpeg alone (OpenSSL verifying, no Castline code). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsTerminatorTest {

    @Test
    void passesAVerifiedPublishToNginxRtmpAndSwapsItsCertificateOnRestart() throws Exception {
        Path dir = TestWorkdir.fresh("TlsTerminatorTest");
        TestCertificates ca = TestCertificates.newCa(dir.resolve("ca"), "Harness CA");
        TestCertificates.KeyPair good = ca.issue("localhost", "DNS:localhost");
        TestCertificates.KeyPair other = ca.issue("other.example", "DNS:other.example");
        int port;
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"));
             TlsTerminator tls = TlsTerminator.start(dir.resolve("tls"), nginx, good)) {
            port = tls.port();
            assertThat(tls.url("localhost", "live", "k")).isEqualTo("rtmps://localhost:" + port + "/live/k");

            BundledTools.Result ok = publish(tls.url("localhost", NginxRtmp.LIVE, "through"), ca, dir.resolve("ok.log"));
            assertThat(ok.exitCode()).as(ok.log()).isZero();
            nginx.awaitPublishesFinished(NginxRtmp.LIVE, "through", 1, Duration.ofSeconds(10));
            assertThat(Ffprobe.probe(nginx.recordings("through").get(0)).video().codecName()).isEqualTo("h264");

            tls.restart(other);
            assertThat(tls.port()).isEqualTo(port);
            BundledTools.Result refused = publish(tls.url("localhost", NginxRtmp.LIVE, "refused"), ca, dir.resolve("refused.log"));
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.log()).contains("certificate verify failed");
            assertThat(nginx.recordings("refused")).isEmpty();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("the port is free after close").isInstanceOf(java.io.IOException.class);
    }

    private static BundledTools.Result publish(String url, TestCertificates ca, Path log) {
        List<String> args = new ArrayList<>(BundledTools.testStreamArgs(url, 160, 120, 10, 1));
        // output options go before the URL (the last argument)
        args.addAll(args.size() - 1, List.of("-tls_verify", "1", "-ca_file", ca.caCertificate().toString()));
        return BundledTools.runFfmpeg(args, log, Duration.ofSeconds(30));
    }
}
