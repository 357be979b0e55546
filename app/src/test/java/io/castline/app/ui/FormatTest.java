package io.castline.app.ui;

import io.castline.engine.destination.Destination;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {
    @Test
    void clockAndRates() {
        assertThat(Format.clock(0)).isEqualTo("00:00:00");
        assertThat(Format.clock(3725.9)).isEqualTo("01:02:05");
        assertThat(Format.clock(-3)).isEqualTo("00:00:00");
        assertThat(Format.kbps(2671.2)).isEqualTo("2671 kbps");
        assertThat(Format.kbps(12_500)).isEqualTo("12.5 Mbps");
        assertThat(Format.mbps(2698.3)).isEqualTo("2.7 Mbps");
        assertThat(Format.millis(80)).isEqualTo("80 ms");
        assertThat(Format.millis(1200)).isEqualTo("1.2 s");
    }

    @Test
    void reasonsReadAsWordsWithoutFfmpegInternalsOrKeys() {
        assertThat(Format.reason("cannot connect: Connection refused ([rtmp @ 0x7ff9e008c880] Cannot open connection "
                + "tcp://127.0.0.1:40625?tcp_nodelay=1); retry in 1.9 s (attempt 4)")).isEqualTo("cannot connect: Connection refused");
        assertThat(Format.reason("send failed: Broken pipe; retry in 0.5 s (attempt 1)")).isEqualTo("send failed: Broken pipe");
        assertThat(Format.reason("[flv @ 0x55d0c0] Failed to update header")).isEqualTo("Failed to update header");
        Destination.parse("primary", "rtmp://h/app/sk_format_secret_1");
        assertThat(Format.reason("rtmp://h/app/sk_format_secret_1: I/O error")).isEqualTo("rtmp://h/app/••••: I/O error");
        assertThat(Format.reason(null)).isEmpty();
    }
}
