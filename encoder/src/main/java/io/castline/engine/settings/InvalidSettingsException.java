package io.castline.engine.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown before going live when settings are refused; lists every problem with its field. */
public class InvalidSettingsException extends IllegalArgumentException {
    private final List<SettingsProblem> problems;

    public InvalidSettingsException(List<SettingsProblem> problems) {
        super(problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidSettingsException(String field, String message) {
        this(List.of(new SettingsProblem(field, message)));
    }

    public List<SettingsProblem> problems() { return problems; }
}
