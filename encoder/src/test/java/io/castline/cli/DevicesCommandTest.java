package io.castline.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline devices} tries the microphone the way the studio opens it, instead of listing
 * {@code mic:default} whether or not it can be opened. This machine has no sound server, so the
 * default microphone shows the failure path; FFmpeg's generated tone, opened through the same
 * code (the hidden {@code --mic-input-format lavfi}), stands in for one that works.
 */
class DevicesCommandTest {

    private static String micLine(CliRun.Result r) {
        return r.out().lines().filter(l -> l.startsWith("Microphone")).findFirst()
                .orElseThrow(() -> new AssertionError("no microphone line in:\n" + r.out() + r.err()));
    }

    @Test
    void aMicrophoneThatCannotBeOpenedIsListedAsUnavailableWithTheReason() {
        CliRun.Result r = CliRun.run("devices", "--mic", "castline-no-such-microphone");
        assertThat(r.exitCode()).as(r.err()).isZero();
        System.out.println(micLine(r));
        assertThat(micLine(r)).startsWith("Microphone (pulse): mic:castline-no-such-microphone unavailable: cannot open ")
                .doesNotContain("works");
    }

    @Test
    void theDefaultMicrophoneIsTriedNotJustNamed() {
        CliRun.Result r = CliRun.run("devices");
        assertThat(r.exitCode()).as(r.err()).isZero();
        System.out.println(micLine(r));
        // here (no sound server) it cannot be opened; on a machine with one it works: either way it was tried
        assertThat(micLine(r)).matches("Microphone \\(pulse\\): mic:default "
                + "(\\(works: sound arrives\\)|unavailable: cannot open default: .+)");
        assertThat(r.out()).contains("Video encoders that work here:").contains("x264");
    }

    @Test
    void aMicrophoneThatDeliversIsListedAsWorking() {
        CliRun.Result r = CliRun.run("devices", "--mic-input-format", "lavfi", "--mic", "sine=frequency=440:sample_rate=48000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(micLine(r)).isEqualTo("Microphone (lavfi): mic:sine=frequency=440:sample_rate=48000 (works: sound arrives)");
    }

    @Test
    void anInputThatOpensButGivesNoSoundIsUnavailable() {
        // an input that ends before its first samples, as a device that opens and then delivers nothing
        CliRun.Result r = CliRun.run("devices", "--mic-input-format", "lavfi", "--mic", "anullsrc=sample_rate=48000:d=0");
        assertThat(micLine(r)).endsWith("unavailable: it opened but gave no sound");
    }
}
