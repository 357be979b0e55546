package io.castline.engine.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@link SettingsProblem}s under a field path: {@code problems.at("scenes[1]").at("layers[0]")
 * .add("width", "must be > 0")} records {@code scenes[1].layers[0].width: must be > 0}. Children share
 * their parent's list.
 */
public final class Problems {
    private final String prefix;
    private final List<SettingsProblem> list;

    public Problems() { this("", new ArrayList<>()); }

    private Problems(String prefix, List<SettingsProblem> list) {
        this.prefix = prefix;
        this.list = list;
    }

    /** The problems of a field inside this one ("layers[0]", "crop"). */
    public Problems at(String field) { return new Problems(path(field), list); }

    public Problems at(String field, int index) { return at(field + "[" + index + "]"); }

    public void add(String field, String message) { list.add(new SettingsProblem(path(field), message)); }

    /** A problem with the field this collector stands for. */
    public void here(String message) { list.add(new SettingsProblem(prefix.isEmpty() ? "show" : prefix, message)); }

    public List<SettingsProblem> all() { return List.copyOf(list); }

    public boolean isEmpty() { return list.isEmpty(); }

    /** Throws {@link InvalidSettingsException} with every problem when there is any. */
    public void throwIfAny() {
        if (!list.isEmpty()) throw new InvalidSettingsException(list);
    }

    private String path(String field) {
        if (field == null || field.isEmpty()) return prefix;
        if (prefix.isEmpty()) return field;
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}
