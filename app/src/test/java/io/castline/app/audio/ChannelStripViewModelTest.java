package io.castline.app.audio;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.FakeEngine;
import io.castline.app.ui.Css;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChannelStripViewModelTest {
    private final FakeEngine engine = new FakeEngine();
    private final AudioMixerViewModel mixer = new AudioMixerViewModel(new ChannelStripViewModel.Control() {
        @Override public void setGain(String channel, double linear) { engine.setGain(channel, linear); }
        @Override public void setMuted(String channel, boolean muted) { engine.setMuted(channel, muted); }
    });

    @Test
    void theConfiguredSourceGetsAStripNamedForTheHost() {
        mixer.configure("mic:USB Audio");
        assertThat(mixer.channels()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("audio");
            assertThat(c.label()).isEqualTo("Microphone (USB Audio)");
        });
        mixer.configure("none");
        assertThat(mixer.channels()).isEmpty();
        assertThat(mixer.emptyTextProperty().get()).contains("No audio source");
    }

    @Test
    void gainAndMuteGoToTheEngine() {
        mixer.configure("sine");
        ChannelStripViewModel strip = mixer.channels().get(0);
        strip.gainDbProperty().set(-6);
        strip.mutedProperty().set(true);
        assertThat(engine.calls).containsExactly("gain audio 0.501", "mute audio true");
        assertThat(strip.gainTextProperty().get()).isEqualTo("-6.0 dB");
    }

    @Test
    void metersMapDbfsOntoTheScaleAndWarnNearClipping() {
        mixer.configure("sine");
        mixer.update(java.util.List.of(new EngineFrame.Channel("audio", -21.1, -24.1, false, 1)));
        ChannelStripViewModel strip = mixer.channels().get(0);
        assertThat(strip.peakProperty().get()).isCloseTo((60 - 21.1) / 60, within(1e-9));
        assertThat(strip.rmsProperty().get()).isCloseTo((60 - 24.1) / 60, within(1e-9));
        assertThat(strip.peakTextProperty().get()).isEqualTo("-21 dB");
        assertThat(strip.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
        mixer.update(java.util.List.of(new EngineFrame.Channel("audio", -0.2, -3, false, 1)));
        assertThat(strip.healthProperty().get()).isEqualTo(Css.HEALTH_BAD);
        mixer.update(java.util.List.of(new EngineFrame.Channel("audio", -120, -120, false, 1)));
        assertThat(strip.peakProperty().get()).isZero();
        assertThat(strip.peakTextProperty().get()).isEqualTo("-∞ dB");
    }

    @Test
    void aStripPerChannelTheProgramMixesAndNoneForOneItNoLongerHas() {
        mixer.configure("sine");
        mixer.update(java.util.List.of(new EngineFrame.Channel("Tone", -21, -24, false, 1),
                new EngineFrame.Channel("Teaser", -30, -33, false, 1)));
        assertThat(mixer.channels()).extracting(ChannelStripViewModel::name).as("the show has no source named audio")
                .containsExactly("Tone", "Teaser");
        mixer.update(java.util.List.of(new EngineFrame.Channel("Tone", -21, -24, false, 1)));
        assertThat(mixer.channels()).extracting(ChannelStripViewModel::name).containsExactly("Tone");
    }
}
