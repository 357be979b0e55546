package io.castline.engine.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which refusals at the start are worth retrying, told from FFmpeg's words as Output sees them. */
class ConnectFailureTest {

    @Test
    void aKeyThatIsStillPublishingIsBusyNotRefused() {
        // nginx-rtmp, as FFmpeg reports it (see BusyIngestTest for the real thing)
        ConnectFailure f = ConnectFailure.fromFfmpeg("cannot connect: Operation not permitted (rtmp: Server error: Already publishing)");
        assertThat(f.retryable()).isTrue();
        assertThat(f.reason()).isEqualTo(ConnectFailure.ALREADY_PUBLISHING);
        // servers that answer with the status code instead of a description
        assertThat(ConnectFailure.fromFfmpeg("cannot connect: Operation not permitted (rtmp: Server error: NetStream.Publish.BadName)")
                .retryable()).isTrue();
    }

    @Test
    void otherRefusalsArePermanentAndKeepTheirWords() {
        for (String message : new String[]{
                "cannot connect: Connection refused (127.0.0.1:1935)",
                "cannot connect: Input/output error", // nginx-rtmp: unknown application
                "cannot connect: Operation not permitted (rtmp: Server error: Authentication failed)",
                "cannot connect: Address already in use"}) {
            ConnectFailure f = ConnectFailure.fromFfmpeg(message);
            assertThat(f.retryable()).as(message).isFalse();
            assertThat(f.reason()).isEqualTo(message);
        }
        assertThat(ConnectFailure.fromFfmpeg(null).retryable()).isFalse();
    }
}
