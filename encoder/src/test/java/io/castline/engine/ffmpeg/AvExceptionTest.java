package io.castline.engine.ffmpeg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvExceptionTest {
    @Test
    void aFailedConnectionNamesOnlyThePeer() {
        assertThat(AvException.describe("cannot connect", "Connection refused",
                "rtmp: Cannot open connection tcp://127.0.0.1:34327?tcp_nodelay=1"))
                .isEqualTo("cannot connect: Connection refused (127.0.0.1:34327)");
        assertThat(AvException.describe("cannot connect", "Connection timed out",
                "tcp: Cannot open connection tcp://ingest.example.com:1935"))
                .isEqualTo("cannot connect: Connection timed out (ingest.example.com:1935)");
    }

    @Test
    void otherLogLinesAreKeptInFFmpegsWords() {
        assertThat(AvException.describe("cannot publish", "Input/output error", "rtmp: Server error: Already publishing"))
                .isEqualTo("cannot publish: Input/output error (rtmp: Server error: Already publishing)");
        assertThat(AvException.describe("cannot connect", "Connection refused", "Connection refused"))
                .isEqualTo("cannot connect: Connection refused");
        assertThat(AvException.describe("cannot open", "End of file", null)).isEqualTo("cannot open: End of file");
    }
}
