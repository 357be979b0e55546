package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad destination fails its own output with the reason; the other output stays live. */
@Tag("fault-matrix") // docs/fault-matrix.md
class RefusedOutputTest {
    private static final String KEY = "sk_refused_secret_987";

    @Test
    void wrongPortFailsThatOutputAndTheBackupStaysLive() throws Exception {
        Path dir = TestWorkdir.fresh("refused-port");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"))) {
            Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", "rtmp://127.0.0.1:" + closedPort + "/live/" + KEY)),
                    OutputTarget.network(Destination.parse("backup", backup.url(NginxRtmp.LIVE, KEY)))), null);
            try {
                LiveFixture.await("primary failed", Duration.ofSeconds(10),
                        () -> b.output("primary").state() == OutputState.FAILED);
                String reason = b.output("primary").status().reason();
                assertThat(reason).containsIgnoringCase("connection refused").doesNotContain(KEY);
                // the peer in plain words, not FFmpeg's "Cannot open connection tcp://…?tcp_nodelay=1"
                assertThat(reason).endsWith("(127.0.0.1:" + closedPort + ")").doesNotContain("tcp://");
                assertThat(b.output("primary").status().url()).doesNotContain(KEY);
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.FAILED);
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.allOutputsFailed()).isFalse();
            } finally {
                b.stop();
            }
            backup.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            Ffprobe.Probe k = Ffprobe.probe(backup.recordings(KEY).get(0));
            assertThat(k.videoFrameCount()).isGreaterThan(4 * 30);
            assertThat(k.maxVideoGapSeconds()).isLessThan(0.07);
        }
    }

    @Test
    void refusedPublishFailsThatOutputWithTheReasonAndTheBackupStaysLive() throws Exception {
        Path dir = TestWorkdir.fresh("refused-publish");
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"))) {
            Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", primary.url(NginxRtmp.DENY, KEY))),
                    OutputTarget.network(Destination.parse("backup", backup.url(NginxRtmp.LIVE, KEY)))), null);
            try {
                LiveFixture.await("primary failed", Duration.ofSeconds(10),
                        () -> b.output("primary").state() == OutputState.FAILED);
                String reason = b.output("primary").status().reason();
                assertThat(reason).contains("refused").doesNotContain(KEY);
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("primary").state()).as("a refused key is not retried").isEqualTo(OutputState.FAILED);
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.output("backup").status().droppedFrames()).isZero();
            } finally {
                b.stop();
            }
            assertThat(primary.errorLog()).contains("access forbidden by rule");
        }
    }

    @Test
    void everyOutputFailedIsReported() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "none",
                OutputTarget.network(Destination.parse("primary", "rtmp://127.0.0.1:" + closedPort + "/live/" + KEY))), null);
        try {
            LiveFixture.await("all failed", Duration.ofSeconds(10), b::allOutputsFailed);
        } finally {
            b.stop();
        }
    }
}
