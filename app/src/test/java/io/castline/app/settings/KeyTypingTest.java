package io.castline.app.settings;

import io.castline.app.profile.StudioProfile;
import io.castline.app.profile.PublishUrl;
import io.castline.engine.destination.Destination;
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

    /** The studio showed rtmp://127.0.0.1:19351/••••/•••• for the key live2024 once "live" had been typed. */
    @Test
    void aKeyThatStartsLikeTheApplicationLeavesTheApplicationReadable() {
        SettingsViewModel vm = new SettingsViewModel(StudioProfile.defaults());
        vm.field("primary").valueProperty().set("rtmp://127.0.0.1:19351/live");
        for (String typed : new String[] {"l", "li", "liv", "live", "live2", "live20", "live202", "live2024"}) {
            vm.field("primary-key").valueProperty().set(typed);
        }
        vm.field("backup").valueProperty().set("rtmp://127.0.0.1:19352/live");
        for (String typed : new String[] {"b", "ba", "bac", "back"}) vm.field("backup-key").valueProperty().set(typed);
        StudioProfile p = vm.toProfile();
        assertThat(Destination.parse("primary", PublishUrl.join(p.ingest("primary").server(),
                p.ingest("primary").key())).maskedUrl()).isEqualTo("rtmp://127.0.0.1:19351/live/" + Secrets.MASK);
        String toast = "backup is reconnecting; if it does not come back, check Settings";
        assertThat(Secrets.mask(toast)).isEqualTo(toast);
    }
}
