package io.castline.engine.source;

import org.junit.jupiter.api.Tag;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A microphone that is open but stops sending (unplugged, a stuck driver) has no signal, and has
 * one again when sound comes back. Modelled with a named pipe carrying a WAV stream that the test
 * stops writing to without closing it, so the source's read blocks as it would on such a device.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class GrabberAudioSourceStaleTest {
    private static final int RATE = 48_000;

    @Test
    void aSourceThatStopsSendingHasNoSignalUntilItSendsAgain() throws Exception {
        Path dir = TestWorkdir.fresh("audio-stale");
        Path fifo = dir.resolve("mic.wav");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        try (GrabberAudioSource source = new GrabberAudioSource("audio",
                new CaptureInput("wav", fifo.toString(), Map.of(), false, false))) {
            source.start();
            try (OutputStream pipe = Files.newOutputStream(fifo)) { // blocks until the source opens its end
                pipe.write(wavHeader());
                pipe.write(new byte[RATE * 6 * 4]); // 6 s of 16-bit stereo: more than FFmpeg reads to probe the stream
                pipe.flush();
                await("sound arriving", Duration.ofSeconds(10), () -> source.problem() == null);

                await("no signal once nothing came for 2 s", Duration.ofSeconds(10), () -> source.problem() != null);
                assertThat(source.problem()).isEqualTo("no signal: no sound for over 2 s");

                pipe.write(new byte[RATE * 4]); // it sends again
                pipe.flush();
                await("the signal back", Duration.ofSeconds(5), () -> source.problem() == null);
            }
        }
    }

    /** A WAV header for an endless 48 kHz 16-bit stereo stream. */
    private static byte[] wavHeader() {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(-1);
        return b.array();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
