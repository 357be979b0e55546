package io.castline.app.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotkeysTest {
    private static KeyCombination keys(String s) { return KeyCombination.valueOf(s); }

    private static Map<Hotkey, String> problemsWith(Hotkey k, String combination) {
        Map<Hotkey, KeyCombination> m = new EnumMap<>(Hotkey.class);
        m.put(k, keys(combination));
        return Hotkeys.problems(m);
    }

    @Test
    void theDefaultsBreakNoRule() {
        assertThat(Hotkeys.problems(new EnumMap<>(Hotkey.class))).isEmpty();
        assertThat(Hotkeys.defaults().combination(Hotkey.RECORD)).isEqualTo(Hotkey.RECORD.combination());
        assertThat(Hotkeys.defaults().toProfile()).isEmpty();
        assertThat(Hotkeys.fromProfile(null)).isEqualTo(Hotkeys.defaults());
    }

    @Test
    void aProfileChangesSomeKeysAndKeepsTheRest() {
        Hotkeys h = Hotkeys.fromProfile(Map.of("record", "F9", "scene", "Alt+1", "no_such_action", "F10"));
        assertThat(h.combination(Hotkey.RECORD)).isEqualTo(new KeyCodeCombination(KeyCode.F9));
        assertThat(h.combination(Hotkey.GO_LIVE)).isEqualTo(Hotkey.GO_LIVE.combination());
        assertThat(h.scene(4)).isEqualTo(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.ALT_DOWN));
        assertThat(h.keys(Hotkey.SCENE)).isEqualTo("Alt+1 … 9");
        assertThat(h.tip(Hotkey.RECORD, "Record")).isEqualTo("Record (F9)");
        assertThat(h.toProfile()).containsOnlyKeys("record", "scene");
        assertThat(Hotkeys.fromProfile(h.toProfile())).as("what it writes reads back").isEqualTo(h);
    }

    @Test
    void keysAProfileCannotUseKeepTheirDefaults() {
        // unreadable; a letter alone; another action's keys (both keep their defaults then)
        Hotkeys h = Hotkeys.fromProfile(Map.of("mute", "Ctrl+Nonsense", "planner", "P",
                "record", Hotkey.GO_LIVE.combination().getName()));
        assertThat(h.combination(Hotkey.MUTE)).isEqualTo(Hotkey.MUTE.combination());
        assertThat(h.combination(Hotkey.PLANNER)).isEqualTo(Hotkey.PLANNER.combination());
        assertThat(h.combination(Hotkey.RECORD)).isEqualTo(Hotkey.RECORD.combination());
        assertThat(h).isEqualTo(Hotkeys.defaults());
    }

    @Test
    void aLetterOrDigitAloneWouldFireWhileTyping() {
        assertThat(problemsWith(Hotkey.RECORD, "R")).containsOnlyKeys(Hotkey.RECORD);
        assertThat(problemsWith(Hotkey.RECORD, "R").get(Hotkey.RECORD)).contains("alone would fire while typing");
        assertThat(problemsWith(Hotkey.RECORD, "Shift+R")).as("Shift is typing too").containsKey(Hotkey.RECORD);
        assertThat(problemsWith(Hotkey.RECORD, "Alt+R")).isEmpty();
        assertThat(problemsWith(Hotkey.RECORD, "F9")).as("a function key may stand alone").isEmpty();
        assertThat(problemsWith(Hotkey.RECORD, "Tab").get(Hotkey.RECORD)).contains("moves, answers or edits");
    }

    @Test
    void theTextFieldsKeysAreNotTaken() {
        assertThat(problemsWith(Hotkey.MUTE, "Shortcut+C").get(Hotkey.MUTE)).contains("copies");
        assertThat(problemsWith(Hotkey.MUTE, "Shortcut+Shift+C")).isEmpty();
    }

    @Test
    void theSceneKeysAreOneCombinationWithOne() {
        assertThat(problemsWith(Hotkey.SCENE, "Alt+S").get(Hotkey.SCENE)).contains("press the modifiers with 1");
        assertThat(problemsWith(Hotkey.SCENE, "1").get(Hotkey.SCENE)).contains("hold Ctrl (or Alt) with 1");
        assertThat(problemsWith(Hotkey.SCENE, "Alt+1")).isEmpty();
    }

    @Test
    void twoActionsOnTheSameKeysAreBothNamed() {
        Map<Hotkey, String> p = problemsWith(Hotkey.RECORD, Hotkey.GO_LIVE.combination().getName());
        assertThat(p).containsOnlyKeys(Hotkey.RECORD, Hotkey.GO_LIVE);
        assertThat(p.get(Hotkey.RECORD)).endsWith("is Go Live / End Live's already");
        assertThat(p.get(Hotkey.GO_LIVE)).endsWith("is Record's too");
        // scene 3's keys are the scene combination's with 3
        Map<Hotkey, KeyCombination> m = new EnumMap<>(Hotkey.class);
        m.put(Hotkey.SCENE, keys("Alt+1"));
        m.put(Hotkey.MUTE, keys("Alt+3"));
        assertThat(Hotkeys.problems(m)).containsOnlyKeys(Hotkey.SCENE, Hotkey.MUTE);
    }

    @Test
    void aKeyPressBecomesACombinationAndAModifierAloneDoesNot() {
        KeyEvent ctrlShiftF9 = new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.F9, true, true, false, false);
        assertThat(Hotkeys.fromEvent(ctrlShiftF9)).isEqualTo(KeyCombination.valueOf("Shortcut+Shift+F9"));
        KeyEvent shift = new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.SHIFT, true, false, false, false);
        assertThat(Hotkeys.fromEvent(shift)).isNull();
    }
}
