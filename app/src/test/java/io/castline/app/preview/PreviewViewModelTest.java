package io.castline.app.preview;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreviewViewModelTest {
    @Test
    void switchingOffTellsTheEngineAndSaysTheStreamGoesOn() {
        List<Boolean> engine = new ArrayList<>();
        PreviewViewModel vm = new PreviewViewModel(engine::add);
        vm.setCanvas(1080, 1920);
        assertThat(vm.captionProperty().get()).isEqualTo("1080 × 1920 · the live preview appears here");
        assertThat(vm.toggleTextProperty().get()).startsWith("Turn the preview off");

        vm.enabledProperty().set(false);
        assertThat(engine).containsExactly(false);
        assertThat(vm.captionProperty().get()).isEqualTo("Preview off · the stream and the recording go on as before");
        assertThat(vm.toggleTextProperty().get()).isEqualTo("Turn the preview on");

        vm.enabledProperty().set(true);
        assertThat(engine).containsExactly(false, true);
        assertThat(vm.captionProperty().get()).startsWith("1080 × 1920");
    }
}
