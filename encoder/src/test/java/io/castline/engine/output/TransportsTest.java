package io.castline.engine.output;

import io.castline.engine.destination.Destination;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which transport sends to which target: a registry the output asks, never a case in the output. */
class TransportsTest {

    @Test
    void libavformatCarriesRtmpRtmpsAndFiles() {
        for (String url : new String[]{"rtmp://127.0.0.1/live/k", "rtmps://a.example/live/k"}) {
            OutputTarget t = OutputTarget.network(Destination.parse("primary", url));
            assertThat(Transports.forTarget(t).id()).as(url).isEqualTo("libavformat");
        }
        assertThat(Transports.forTarget(OutputTarget.recording("recording", Path.of("show.mkv"))).id()).isEqualTo("libavformat");
    }

    @Test
    void srtGoesOverLibsrtWhereTheSystemHasIt() {
        // CI installs Debian's libsrt: there the SRT transport with its own statistics must be the one
        if (System.getenv("CI") != null) assertThat(LibSrt.available()).as("libsrt loads in CI").isTrue();
        OutputTarget t = OutputTarget.network(Destination.parse("primary", "srt://127.0.0.1:9000?streamid=x"));
        assertThat(Transports.forTarget(t).id()).isEqualTo(LibSrt.available() ? "srt" : "libavformat");
    }

    @Test
    void aTargetNoTransportCarriesIsRefusedWithItsMaskedUrl() {
        OutputTarget whip = new OutputTarget("whip", "https://ingest.example/whip/SECRET", "https://ingest.example/whip/••••",
                "whip", true, Map.of(), "ingest.example", 443);
        assertThatThrownBy(() -> Transports.forTarget(whip)).hasMessageContaining("no transport carries")
                .hasMessageContaining("••••").hasMessageNotContaining("SECRET");
    }
}
