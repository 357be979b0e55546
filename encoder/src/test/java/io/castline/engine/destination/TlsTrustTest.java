package io.castline.engine.destination;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsTrustTest {
    private static final String PIN = "6D:73:BC:8E:8B:1D:5C:C8:D5:57:6A:D0:EC:FD:9D:4D:CE:74:5D:96:56:6D:7A:3E:1E:8D:4B:7F:62:F4:6E:CB";

    @Test
    void aFingerprintIsReadInTheUsualSpellings() {
        assertThat(TlsTrust.fingerprint(PIN).fingerprint()).isEqualTo(PIN);
        assertThat(TlsTrust.fingerprint(PIN.toLowerCase().replace(":", "")).fingerprint()).isEqualTo(PIN);
        assertThat(TlsTrust.fingerprint("sha256 Fingerprint=" + PIN).fingerprint()).isEqualTo(PIN); // openssl x509 -fingerprint
        assertThat(TlsTrust.fingerprint("SHA256:" + PIN.replace(":", " ")).fingerprint()).isEqualTo(PIN);
    }

    @Test
    void somethingElseIsNotAFingerprint() {
        assertThatThrownBy(() -> TlsTrust.fingerprint(PIN.substring(3)))
                .hasMessageContaining("is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        assertThatThrownBy(() -> TlsTrust.fingerprint("ca.pem")).hasMessageStartingWith("'ca.pem' is not a SHA-256 fingerprint");
        assertThatThrownBy(() -> TlsTrust.fingerprint(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneKindOfTrustAtATime() {
        assertThat(TlsTrust.SYSTEM.isSystem()).isTrue();
        assertThat(TlsTrust.caFile(Path.of("ca.pem")).isSystem()).isFalse();
        assertThatThrownBy(() -> new TlsTrust(Path.of("ca.pem"), PIN)).hasMessageContaining("not both");
    }

    @Test
    void aDestinationKeepsItsTrustAndSaysWhenItIsTls() {
        Destination plain = Destination.parse("primary", "rtmp://h/app/key12345");
        Destination tls = Destination.parse("primary", "RTMPS://h/app/key12345");
        assertThat(plain.tls()).isFalse();
        assertThat(tls.tls()).isTrue();
        assertThat(tls.trust()).isEqualTo(TlsTrust.SYSTEM);
        Destination pinned = tls.withTrust(TlsTrust.fingerprint(PIN));
        assertThat(pinned.trust().fingerprint()).isEqualTo(PIN);
        assertThat(pinned.publishUrl()).isEqualTo(tls.publishUrl());
        assertThat(tls.withTrust(null).trust()).isEqualTo(TlsTrust.SYSTEM);
    }
}
