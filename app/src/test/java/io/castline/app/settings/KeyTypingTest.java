package io.castline.app.settings;

import io.castline.app.profile.StudioProfile;
import io.castline.engine.destination.Secrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typing a stream key checks it on every keystroke (Destination.parse); that must not register
 * each partial key for masking, or words that start like the key get blanked (issue 9, item 3).
 */
class KeyTypingTest {
    @Test
    void aKeyTypedOneCharacterAtATimeRegistersNoneOfItsBeginnings() {
        SettingsViewModel vm = new SettingsViewModel(StudioProfile.defaults());
        vm.field("primary").valueProperty().set("rtmp://ingest.example.com/live");
        String key = "zq7typedslowly-key-4711";
        for (int i = 1; i <= key.length(); i++) vm.field("primary-key").valueProperty().set(key.substring(0, i));
        assertThat(vm.validProperty().get()).isTrue();
        String text = "notes: zq7typedslowly and zq7typedslowly-key are words here";
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }
}
