package io.castline.app.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys in use for each {@link Hotkey}: the defaults, with what the host changed in Settings
 * (kept in the profile by {@link Hotkey#id()}, only the changed ones). Immutable. The rules for a
 * combination live here ({@link #problems}), so Settings and the studio agree on what is allowed:
 * a letter, digit or sign needs Ctrl/⌘ or Alt (alone it would fire while the host types in a
 * field), the keys text fields and dialogs live by are not taken, and no two actions share one.
 * The scene keys are one combination with 1 (scene n: the same modifiers with n).
 */
public final class Hotkeys {
    private static final Hotkeys DEFAULTS = new Hotkeys(new EnumMap<>(Hotkey.class));
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
    /** Keys the window needs as they are: focus moves, dialogs' answers, pressing a button. */
    private static final Set<KeyCode> NEVER_ALONE = Set.of(KeyCode.TAB, KeyCode.ESCAPE, KeyCode.ENTER, KeyCode.SPACE,
            KeyCode.BACK_SPACE, KeyCode.DELETE, KeyCode.UP, KeyCode.DOWN, KeyCode.LEFT, KeyCode.RIGHT, KeyCode.HOME,
            KeyCode.END, KeyCode.PAGE_UP, KeyCode.PAGE_DOWN);
    /** What every text field does with Ctrl/⌘: select all, copy, paste, cut. */
    private static final Set<KeyCode> TEXT_EDITING = Set.of(KeyCode.A, KeyCode.C, KeyCode.V, KeyCode.X);

    private final Map<Hotkey, KeyCombination> changed;

    private Hotkeys(Map<Hotkey, KeyCombination> changed) {
        this.changed = changed;
    }

    public static Hotkeys defaults() { return DEFAULTS; }

    /**
     * The keys a profile names ({@code {"record": "Shortcut+Shift+F9"}}); an unknown action is
     * ignored, and one whose keys cannot be read, break a rule or clash keeps its default.
     */
    public static Hotkeys fromProfile(Map<String, String> stored) {
        if (stored == null || stored.isEmpty()) return DEFAULTS;
        Map<Hotkey, KeyCombination> wanted = new EnumMap<>(Hotkey.class);
        for (Hotkey k : Hotkey.values()) {
            KeyCombination c = parse(stored.get(k.id()));
            wanted.put(k, c == null ? k.combination() : c);
        }
        Map<Hotkey, String> bad = problems(wanted);
        Map<Hotkey, KeyCombination> kept = new EnumMap<>(Hotkey.class);
        for (Hotkey k : Hotkey.values()) {
            KeyCombination c = wanted.get(k);
            if (!bad.containsKey(k) && !same(c, k.combination())) kept.put(k, c);
        }
        return kept.isEmpty() ? DEFAULTS : new Hotkeys(kept);
    }

    /** What a profile keeps: the changed actions by id, each as {@link KeyCombination#getName()}. */
    public Map<String, String> toProfile() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<Hotkey, KeyCombination> e : changed.entrySet()) out.put(e.getKey().id(), e.getValue().getName());
        return out;
    }

    public KeyCombination combination(Hotkey k) { return changed.getOrDefault(k, k.combination()); }

    /** The action's keys as a profile writes them ({@link KeyCombination#getName()}). */
    public String name(Hotkey k) { return combination(k).getName(); }

    /** "Ctrl+Shift+L" (⇧⌘L on macOS); for the scenes "Ctrl+1 … 9". */
    public String keys(Hotkey k) { return display(k, name(k)); }

    /** A tooltip's text with the keys after it: "Settings (Ctrl+,)". */
    public String tip(Hotkey k, String text) { return text + " (" + keys(k) + ")"; }

    /** Scene {@code n}'s keys (1 to 9): the scene combination's modifiers with n. */
    public KeyCombination scene(int n) { return withDigit(combination(Hotkey.SCENE), n); }

    /**
     * Binds a tooltip to an action's text and the keys in use: it follows both (a change in
     * Settings shows at once).
     */
    public static void bindTip(Tooltip tip, ObservableValue<Hotkeys> hotkeys, Hotkey k, ObservableValue<String> text) {
        tip.textProperty().bind(Bindings.createStringBinding(() -> hotkeys.getValue().tip(k, text.getValue()), hotkeys, text));
    }

    /** A tooltip with a fixed text and the action's keys in use. */
    public static Tooltip tooltip(ObservableValue<Hotkeys> hotkeys, Hotkey k, String text) {
        Tooltip tip = new Tooltip();
        bindTip(tip, hotkeys, k, javafx.beans.binding.Bindings.createStringBinding(() -> text));
        return tip;
    }

    // ---- the same by name, for the Settings form (which holds text, not key objects) ---------

    /** How keys written as {@code name} read ("Ctrl+Shift+R"; the scenes "Ctrl+1 … 9"); empty when unreadable. */
    public static String display(Hotkey k, String name) {
        KeyCombination c = parse(name);
        if (c == null) return "";
        return k == Hotkey.SCENE ? c.getDisplayText() + " … 9" : c.getDisplayText();
    }

    /** {@link #problems} of keys written as names (an unreadable or missing one is a problem too). */
    public static Map<Hotkey, String> problemsOfNames(Map<Hotkey, String> names) {
        Map<Hotkey, KeyCombination> keys = new EnumMap<>(Hotkey.class);
        for (Hotkey k : Hotkey.values()) keys.put(k, parse(names.get(k)));
        return problems(keys);
    }

    /** The keys these names give, where they are readable and not the default (a profile's {@code hotkeys}). */
    public static Map<String, String> changedNames(Map<Hotkey, String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Hotkey k : Hotkey.values()) {
            KeyCombination c = parse(names.get(k));
            if (c != null && !same(c, k.combination())) out.put(k.id(), c.getName());
        }
        return out;
    }

    // ---- the rules --------------------------------------------------------------------------

    /** "Shortcut+Shift+R" → the combination; null when it is not one (or is empty). */
    public static KeyCombination parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            KeyCombination c = KeyCombination.valueOf(text.strip());
            return c instanceof KeyCodeCombination ? c : null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /**
     * The combination a key press makes; null for a modifier alone (the host is still pressing).
     * The platform's shortcut key (Ctrl, ⌘ on macOS) is kept as "Shortcut", so a profile moves
     * between systems.
     */
    public static KeyCombination fromEvent(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == null || code.isModifierKey() || code == KeyCode.UNDEFINED) return null;
        List<KeyCombination.Modifier> mods = new ArrayList<>();
        boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
        if (e.isShortcutDown()) mods.add(KeyCombination.SHORTCUT_DOWN);
        if (e.isControlDown() && mac) mods.add(KeyCombination.CONTROL_DOWN);
        if (e.isMetaDown() && !mac) mods.add(KeyCombination.META_DOWN);
        if (e.isAltDown()) mods.add(KeyCombination.ALT_DOWN);
        if (e.isShiftDown()) mods.add(KeyCombination.SHIFT_DOWN);
        return new KeyCodeCombination(code, mods.toArray(KeyCombination.Modifier[]::new));
    }

    /** What is wrong with one action's keys on their own (null: nothing). */
    public static String problem(Hotkey k, KeyCombination c) {
        if (!(c instanceof KeyCodeCombination kc)) return "press the keys to use (e.g. Ctrl+Shift+R)";
        KeyCode code = kc.getCode();
        boolean command = kc.getShortcut() == KeyCombination.ModifierValue.DOWN
                || kc.getControl() == KeyCombination.ModifierValue.DOWN || kc.getMeta() == KeyCombination.ModifierValue.DOWN;
        boolean alt = kc.getAlt() == KeyCombination.ModifierValue.DOWN;
        if (k == Hotkey.SCENE) {
            if (code != KeyCode.DIGIT1) return "the scene keys are 1 to 9 with modifiers: press the modifiers with 1";
            if (!command && !alt) return "1 to 9 alone would fire while typing: hold Ctrl (or Alt) with 1";
            return null;
        }
        if (code.isFunctionKey()) return null;
        if (!command && !alt) {
            if (NEVER_ALONE.contains(code)) return code.getName() + " moves, answers or edits in the window: hold Ctrl (or Alt) with it";
            return "a letter, digit or sign alone would fire while typing: hold Ctrl (or Alt) with it, or use a function key";
        }
        if (command && !alt && kc.getShift() != KeyCombination.ModifierValue.DOWN && TEXT_EDITING.contains(code)) {
            return c.getDisplayText() + " selects, copies, pastes or cuts in text fields";
        }
        return null;
    }

    /** Every action's problem: its own ({@link #problem}), or the keys another action has too. */
    public static Map<Hotkey, String> problems(Map<Hotkey, KeyCombination> keys) {
        Map<Hotkey, String> out = new EnumMap<>(Hotkey.class);
        Map<String, Hotkey> taken = new LinkedHashMap<>();
        for (Hotkey k : Hotkey.values()) {
            KeyCombination c = keys.getOrDefault(k, k.combination());
            String own = problem(k, c);
            if (own != null) {
                out.put(k, own);
                continue;
            }
            for (KeyCombination one : all(k, c)) {
                Hotkey other = taken.putIfAbsent(one.getDisplayText(), k);
                if (other != null && other != k) {
                    out.putIfAbsent(k, one.getDisplayText() + " is " + other.title() + "'s already");
                    out.putIfAbsent(other, one.getDisplayText() + " is " + k.title() + "'s too");
                }
            }
        }
        return out;
    }

    /** The combinations an action answers to: one, or nine for the scenes. */
    private static List<KeyCombination> all(Hotkey k, KeyCombination c) {
        if (k != Hotkey.SCENE) return List.of(c);
        List<KeyCombination> l = new ArrayList<>();
        for (int n = 1; n <= DIGITS.length; n++) l.add(withDigit(c, n));
        return l;
    }

    private static KeyCombination withDigit(KeyCombination c, int n) {
        if (n < 1 || n > DIGITS.length) throw new IllegalArgumentException("scene keys are 1 to 9, not " + n);
        if (!(c instanceof KeyCodeCombination kc)) return c;
        return new KeyCodeCombination(DIGITS[n - 1], kc.getShift(), kc.getControl(), kc.getAlt(), kc.getMeta(), kc.getShortcut());
    }

    private static boolean same(KeyCombination a, KeyCombination b) {
        return a.getDisplayText().equals(b.getDisplayText());
    }

    @Override public boolean equals(Object o) { return o instanceof Hotkeys h && toProfile().equals(h.toProfile()); }

    @Override public int hashCode() { return toProfile().hashCode(); }

    @Override public String toString() { return "Hotkeys" + toProfile(); }
}
