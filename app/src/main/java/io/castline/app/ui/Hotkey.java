package io.castline.app.ui;

import javafx.scene.input.KeyCombination;

/**
 * The studio's keyboard shortcuts, in one place so that the accelerators, the tooltips and the
 * shortcut list say the same. "Shortcut" is Ctrl (⌘ on macOS). Shift is part of every letter key,
 * so a shortcut is never typed by accident while writing in a field, and none is taken from what
 * text fields already use (Ctrl+A, C, V, X): undo and redo are the show's, except in a text field,
 * where they stay the field's own.
 */
public enum Hotkey {
    GO_LIVE("Shortcut+Shift+L", "Go Live, or End Live (asks first)"),
    RECORD("Shortcut+Shift+R", "Start or stop recording to a file, live or not"),
    MUTE("Shortcut+Shift+M", "Mute or unmute the audio source"),
    PREVIEW("Shortcut+Shift+V", "Turn the preview off or on"),
    SETTINGS("Shortcut+Comma", "Open Settings"),
    PLANNER("Shortcut+Shift+P", "Open the bandwidth planner"),
    SCENE("Shortcut+1", "Put the first scene on air, in studio mode into the preview (Ctrl+2 the second, … up to 9)"),
    STUDIO_MODE("Shortcut+Shift+S", "Studio mode on or off (the next scene prepared beside the program)"),
    TRANSITION("Shortcut+Shift+T", "Studio mode: put the preview's scene on air with the transition"),
    UNDO("Shortcut+Z", "Undo the last change to the show (in a text field: its typing)"),
    REDO("Shortcut+Shift+Z", "Redo it"),
    SHORTCUTS("F1", "Show or hide these keyboard shortcuts");

    private final KeyCombination combination;
    private final String action;

    Hotkey(String combination, String action) {
        this.combination = KeyCombination.valueOf(combination);
        this.action = action;
    }

    public KeyCombination combination() { return combination; }

    /** What the key does, as the shortcut list says it. */
    public String action() { return action; }

    /** "Ctrl+Shift+L" on Linux and Windows, "⇧⌘L" on macOS. */
    public String keys() { return combination.getDisplayText(); }

    /** A tooltip's text with the shortcut after it: "Settings (Ctrl+,)". */
    public String tip(String text) { return text + " (" + keys() + ")"; }
}
