package io.castline.app.ui;

import javafx.scene.input.KeyCombination;

/**
 * The studio's keyboard shortcuts, in one place so that the accelerators, the tooltips and the
 * shortcut list say the same. "Shortcut" is Ctrl (⌘ on macOS). Shift is part of every letter key,
 * so a shortcut is never typed by accident while writing in a field, and none is taken from what
 * text fields already use (Ctrl+A, C, V, X): undo and redo are the show's, except in a text field,
 * where they stay the field's own. These are the defaults; the host may change them in Settings
 * ({@link Hotkeys} holds what is in use).
 */
public enum Hotkey {
    GO_LIVE("Go Live / End Live", "Shortcut+Shift+L", "Go Live, or End Live (asks first)"),
    RECORD("Record", "Shortcut+Shift+R", "Start or stop recording to a file, live or not"),
    MUTE("Mute", "Shortcut+Shift+M", "Mute or unmute the audio source"),
    PREVIEW("Preview on/off", "Shortcut+Shift+V", "Turn the preview off or on"),
    SETTINGS("Settings", "Shortcut+Comma", "Open Settings"),
    PLANNER("Planner", "Shortcut+Shift+P", "Open the bandwidth planner"),
    SCENE("Scenes 1 to 9", "Shortcut+1", "Put the first scene on air, in studio mode into the preview (the same with 2 the "
            + "second, … up to 9)"),
    STUDIO_MODE("Studio mode", "Shortcut+Shift+S", "Studio mode on or off (the next scene prepared beside the program)"),
    TRANSITION("Transition", "Shortcut+Shift+T", "Studio mode: put the preview's scene on air with the transition"),
    NEXT_CUE("Next cue", "Shortcut+Shift+N", "Play the next cue of the run of show: its scene, product and countdown"),
    PIN_NEXT("Pin next product", "Shortcut+Shift+Period", "Put the next product of the catalogue on the product cards"),
    PIN_PREVIOUS("Pin previous product", "Shortcut+Shift+Comma", "Put the previous product on the product cards"),
    UNPIN("Take the card down", "Shortcut+Shift+U", "Take the product card down"),
    COUNTDOWN("Start / pause the countdown", "Shortcut+Shift+D", "Start or pause the countdown of the scene on air"),
    UNDO("Undo", "Shortcut+Z", "Undo the last change to the show (in a text field: its typing)"),
    REDO("Redo", "Shortcut+Shift+Z", "Redo it"),
    SHORTCUTS("Shortcut list", "F1", "Show or hide these keyboard shortcuts");

    private final String title;
    private final KeyCombination combination;
    private final String action;

    Hotkey(String title, String combination, String action) {
        this.title = title;
        this.combination = KeyCombination.valueOf(combination);
        this.action = action;
    }

    /** The default combination (Settings may give it another: {@link Hotkeys}). */
    public KeyCombination combination() { return combination; }

    /** A short name for the Settings list: "Record". */
    public String title() { return title; }

    /** How the profile and the Settings fields name it: "go_live". */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** What the key does, as the shortcut list says it. */
    public String action() { return action; }

    /** The default's keys: "Ctrl+Shift+L" on Linux and Windows, "⇧⌘L" on macOS. */
    public String keys() { return combination.getDisplayText(); }
}
