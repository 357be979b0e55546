package io.castline.app.audio;

import io.castline.app.engine.EngineFrame;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * The audio mixer dock: one strip per mixer channel. The engine names its one input channel
 * "audio" today; the strip is labelled with the configured source so the host knows what it is.
 */
public final class AudioMixerViewModel {
    /** The engine's name of the channel fed by the configured audio source. */
    public static final String MAIN_CHANNEL = "audio";

    private final ChannelStripViewModel.Control control;
    private final ObservableList<ChannelStripViewModel> channels = FXCollections.observableArrayList();
    private final ObservableList<ChannelStripViewModel> readOnly = FXCollections.unmodifiableObservableList(channels);
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");

    public AudioMixerViewModel(ChannelStripViewModel.Control control) {
        this.control = control;
    }

    /** The settings changed: show the configured source's strip (none for "none"). */
    public void configure(String audioSource) {
        String label = labelOf(audioSource);
        if (label == null) {
            channels.clear();
            emptyText.set("No audio source: choose one in Settings");
            return;
        }
        emptyText.set("");
        ChannelStripViewModel main = find(MAIN_CHANNEL);
        if (main == null || !main.label().equals(label)) {
            ChannelStripViewModel strip = new ChannelStripViewModel(MAIN_CHANNEL, label, control);
            if (main != null) {
                strip.gainDbProperty().set(main.gainDbProperty().get());
                strip.mutedProperty().set(main.mutedProperty().get());
                channels.set(channels.indexOf(main), strip);
            } else {
                channels.add(0, strip);
            }
        }
    }

    /**
     * The levels of every channel the engine mixes (live or not): a strip for each; the strips of
     * channels the program no longer has (a source removed from the show) go.
     */
    public void update(List<EngineFrame.Channel> levels) {
        java.util.Set<String> mixed = new java.util.HashSet<>();
        for (EngineFrame.Channel ch : levels) mixed.add(ch.name());
        channels.removeIf(strip -> !mixed.contains(strip.name()));
        for (EngineFrame.Channel ch : levels) {
            ChannelStripViewModel strip = find(ch.name());
            if (strip == null) {
                strip = new ChannelStripViewModel(ch.name(), ch.name(), control);
                channels.add(strip);
            }
            strip.update(ch);
        }
    }

    public void silence() { channels.forEach(ChannelStripViewModel::silence); }

    /** The mute hotkey: mutes the configured source's channel, or unmutes it; nothing without one. */
    public void toggleMute() {
        ChannelStripViewModel main = find(MAIN_CHANNEL);
        if (main != null) main.mutedProperty().set(!main.mutedProperty().get());
    }

    /** Why the configured source gives nothing (the engine's words), or null while it delivers: on its strip. */
    public void showProblem(String audioProblem) {
        ChannelStripViewModel main = find(MAIN_CHANNEL);
        if (main != null) main.showProblem(audioProblem);
    }

    private ChannelStripViewModel find(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** "mic:USB Audio" → "Microphone (USB Audio)"; null for none. */
    static String labelOf(String source) {
        if (source == null || source.isBlank()) return null;
        int colon = source.indexOf(':');
        String kind = (colon < 0 ? source : source.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String detail = colon < 0 ? "" : source.substring(colon + 1).trim();
        String base = switch (kind) {
            case "none" -> null;
            case "sine" -> "Test tone";
            case "mic" -> "Microphone";
            case "file" -> "Media file";
            default -> source;
        };
        if (base == null) return null;
        if (kind.equals("file") && !detail.isEmpty()) detail = java.nio.file.Path.of(detail).getFileName().toString();
        return detail.isEmpty() ? base : base + " (" + detail + ")";
    }

    public ObservableList<ChannelStripViewModel> channels() { return readOnly; }
    public ReadOnlyStringProperty emptyTextProperty() { return emptyText.getReadOnlyProperty(); }
}
