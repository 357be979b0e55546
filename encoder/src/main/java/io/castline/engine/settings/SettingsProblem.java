package io.castline.engine.settings;

/** One invalid setting: the field as the user names it (CLI option / profile key) and why. */
public record SettingsProblem(String field, String message) {
    @Override public String toString() { return field + ": " + message; }
}
