package io.castline.engine.output;

import io.castline.engine.destination.Destination;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
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
    void whipGoesThroughTheWhipMuxer() {
        OutputTarget t = OutputTarget.network(Destination.parse("web", "whip://127.0.0.1:8889/whip/live?token=t0k3n-secret"));
        assertThat(t.formatName()).isEqualTo("whip");
        assertThat(Transports.forTarget(t).id()).isEqualTo("whip");
        assertThat(t.maskedUrl()).isEqualTo("whip://127.0.0.1:8889/whip/live?token=••••");
    }

    @Test
    void aWhipFailureIsSaidInWords() {
        assertThat(WhipTransport.describe(org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED, List.of(), "h:1", 5000))
                .contains("refused the token (HTTP 401 Unauthorized)");
        assertThat(WhipTransport.describe(-110, List.of("DTLS handshake timeout=5000ms, cost=5000.12ms, elapsed=5010.00ms, state=6"),
                "h:1", 5000)).startsWith("ICE failed").contains("5.0 s");
        assertThat(WhipTransport.describe(-110, List.of("DTLS handshake timeout=4000ms, cost=4000.12ms, elapsed=4010.00ms, state=8"),
                "h:1", 4000)).startsWith("the DTLS handshake").contains("4.0 s");
        assertThat(WhipTransport.describe(-111, List.of("Failed to request url=http://h:1/whip, offer: v=0 …"), "h:1", 5000))
                .isEqualTo("cannot reach the WHIP endpoint: Connection refused (h:1)");
    }

    @Test
    void aTargetNoTransportCarriesIsRefusedWithItsMaskedUrl() {
        OutputTarget rist = new OutputTarget("rist", "rist://ingest.example/SECRET", "rist://ingest.example/••••",
                "mpegts", true, Map.of(), "ingest.example", 443);
        assertThatThrownBy(() -> Transports.forTarget(rist)).hasMessageContaining("no transport carries")
                .hasMessageContaining("••••").hasMessageNotContaining("SECRET");
    }
}
