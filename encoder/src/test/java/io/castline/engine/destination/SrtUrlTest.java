package io.castline.engine.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An SRT URL's options, in FFmpeg's names and units, checked before anything is sent. */
class SrtUrlTest {

    @Test
    void readsTheOptionsInFfmpegsUnits() {
        SrtUrl u = SrtUrl.parse("srt://ingest.example:7001?streamid=publish%3Alive%2Fk1&passphrase=long-enough-phrase"
                + "&latency=250000&pbkeylen=32&maxbw=0&oheadbw=25&pkt_size=1316");
        assertThat(u.host()).isEqualTo("ingest.example");
        assertThat(u.port()).isEqualTo(7001);
        assertThat(u.latencyMillis()).isEqualTo(250);
        assertThat(u.streamId()).isEqualTo("publish:live/k1");
        assertThat(u.passphrase()).isEqualTo("long-enough-phrase");
        assertThat(u.keyLength()).isEqualTo(32);
        assertThat(u.maxBandwidth()).isZero();
        assertThat(u.overheadPercent()).isEqualTo(25);
        assertThat(u.toString()).doesNotContain("long-enough-phrase").doesNotContain("k1");
    }

    @Test
    void defaultsWhereTheUrlSaysNothing() {
        SrtUrl u = SrtUrl.parse("srt://127.0.0.1");
        assertThat(u.port()).isEqualTo(9000);
        assertThat(u.latencyMillis()).isNull();
        assertThat(u.passphrase()).isNull();
        assertThat(u.streamId()).isNull();
    }

    @Test
    void aLatencyWrittenInMillisecondsIsCaughtWithTheFix() {
        assertThatThrownBy(() -> SrtUrl.parse("srt://h:9000?latency=200"))
                .hasMessageContaining("microseconds").hasMessageContaining("latency=200000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "srt://h:9000?passphrase=short9chr | 10 to 79 characters",
            "srt://h:9000?mode=listener | mode=caller",
            "srt://h:9000?pbkeylen=20 | 16, 24 or 32",
            "srt://h:9000?latency=abc | not a whole number",
            "srt://h:9000?oheadbw=1 | 5 to 100",
            "srt://h:9000?passphrase=%zzsecretvalue | not a valid SRT URL"})
    void badOptionsAreNamedAndSecretsNeverQuoted(String url, String message) {
        assertThatThrownBy(() -> SrtUrl.parse(url)).hasMessageContaining(message)
                .hasMessageNotContaining("short9chr").hasMessageNotContaining("secretvalue");
    }

    @Test
    void theDestinationRefusesABadSrtUrlByItsName() {
        assertThatThrownBy(() -> Destination.parse("backup", "srt://h:9000?passphrase=tooshort"))
                .hasMessageStartingWith("backup: SRT passphrase").hasMessageNotContaining("tooshort");
    }
}
