package io.castline.it;

import io.castline.engine.devices.Microphone;
import io.castline.engine.devices.MicrophoneLister;
import io.castline.testing.PulseServer;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sound inputs listed for real: with a PulseAudio server of the test's own running (a null output,
 * whose monitor is a source), the lister names that source with its description, and
 * {@code castline devices} lists it and opens it as a microphone.
 */
class MicrophoneListTest {
    @Test
    void theSoundServersSourcesAreListedAndOneOpens() throws Exception {
        Path dir = TestWorkdir.fresh("microphone-list");
        try (PulseServer pulse = PulseServer.start(dir.resolve("pulse"))) {
            List<Microphone> found = new MicrophoneLister("pulse").microphones();
            System.out.println("FIGURES sound inputs listed: " + found);
            assertThat(found).contains(new Microphone("Monitor of " + PulseServer.DESCRIPTION, PulseServer.SOURCE));

            Path log = dir.resolve("devices.log");
            Process devices = new ProcessBuilder(LiveFixture.castlineCommand(List.of("devices", "--mic", PulseServer.SOURCE)))
                    .redirectOutput(log.toFile()).redirectErrorStream(true).start();
            assertThat(devices.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log))
                    .contains("Sound inputs (a mic source's \"device\"): ")
                    .contains("Monitor of " + PulseServer.DESCRIPTION + " = " + PulseServer.SOURCE)
                    .contains("Microphone (pulse): mic:" + PulseServer.SOURCE + " (works: sound arrives)");
        }
    }
}
