package io.castline.engine.tls;

import io.castline.engine.destination.TlsTrust;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsConnectionTest {

    @Test
    void addressesAreToldFromNamesAsTheCLibraryReadsThem() {
        assertThat(Hosts.isIpLiteral("127.0.0.1")).isTrue();
        assertThat(Hosts.isIpLiteral("[::1]")).isTrue();
        assertThat(Hosts.isIpLiteral("live.example.com")).isFalse();
        assertThat(Hosts.isIpLiteral("cafe.be")).isFalse();
        // inet_aton reads these as 127.0.0.1: FFmpeg would check no name, so they must not pass as names
        assertThat(Hosts.isNumeric("127.1")).isTrue();
        assertThat(Hosts.isNumeric("0x7f000001")).isTrue();
        assertThat(Hosts.isIpLiteral("127.1")).isFalse();
        assertThat(Hosts.isNumeric("cafe.be")).isFalse();
        assertThat(Hosts.forUrl("::1")).isEqualTo("[::1]");
    }

    @Test
    void aNonCanonicalAddressIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> TlsConnection.prepare("primary", "rtmps://127.1/live/key", "127.1", 443, TlsTrust.SYSTEM, 65536))
                .isInstanceOf(CertificateRefusedException.class)
                .hasMessageStartingWith("cannot verify the certificate of 127.1: write the address in full");
    }

    @Test
    void aMissingOrEmptyCaFileIsRefusedWithItsName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsConnection.prepare("primary", "rtmps://live.example.com/app/key", "live.example.com", 443,
                TlsTrust.caFile(missing), 65536))
                .isInstanceOf(CertificateRefusedException.class)
                .hasMessageStartingWith("cannot use the CA file: " + missing + " does not exist");
        Path notPem = Files.writeString(dir.resolve("key.txt"), "not a certificate");
        assertThatThrownBy(() -> TlsConnection.prepare("primary", "rtmps://live.example.com/app/key", "live.example.com", 443,
                TlsTrust.caFile(notPem), 65536))
                .hasMessageStartingWith("cannot use the CA file: " + notPem + " holds no certificate");
    }

    @Test
    void aNamedHostIsVerifiedByFfmpegItselfAgainstTheSystemRoots() throws Exception {
        try (TlsConnection c = TlsConnection.prepare("primary", "rtmps://live.example.com/app/key", "live.example.com", 443,
                TlsTrust.SYSTEM, 65536)) {
            assertThat(c.url()).isEqualTo("rtmps://live.example.com/app/key");
            assertThat(c.ioOptions()).containsEntry("tls_verify", "1")
                    .containsEntry("ca_file", SystemRoots.pemFile().toString())
                    .doesNotContainKeys("verifyhost", "rtmp_tcurl");
        }
    }

    @Test
    void anAddressGoesThroughTheTunnelWithVerifyhostAndItsOwnTcUrl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (TlsConnection c = TlsConnection.prepare("primary", "rtmps://user:pw@127.0.0.1:19443/live/key?x=1", "127.0.0.1", 19443,
                TlsTrust.SYSTEM, 65536)) {
            assertThat(c.url()).matches("rtmps://user:pw@localhost:\\d+/live/key\\?x=1").isNotEqualTo("rtmps://user:pw@localhost:19443/live/key?x=1");
            assertThat(c.ioOptions()).containsEntry("verifyhost", "127.0.0.1")
                    .containsEntry("rtmp_tcurl", "rtmps://127.0.0.1:19443/live");
        }
    }

    @Test
    void theTcUrlIsSplitAsFfmpegSplitsTheApplication() {
        assertThat(TlsConnection.RtmpUrls.tcUrl("rtmps://1.2.3.4/live/key")).isEqualTo("rtmps://1.2.3.4:443/live");
        assertThat(TlsConnection.RtmpUrls.tcUrl("rtmps://1.2.3.4:8443/app/inst/key")).isEqualTo("rtmps://1.2.3.4:8443/app/inst");
        assertThat(TlsConnection.RtmpUrls.tcUrl("rtmps://[::1]:8443/app/mp4:a/b")).isEqualTo("rtmps://[::1]:8443/app");
        assertThat(TlsConnection.RtmpUrls.withAuthority("rtmps://[::1]:8443/app/key", "localhost:5"))
                .isEqualTo("rtmps://localhost:5/app/key");
    }
}
