package io.castline.app.show;

import io.castline.app.engine.LivePlan;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.show.Shows;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * How the profile's settings reach the show: a studio from before shows (a profile with one video
 * and one audio source) becomes a show of one scene, {@value Shows#SCENE}, with the sources named
 * {@value Shows#VIDEO} and {@value Shows#AUDIO}; Settings' video and audio fields go on editing
 * those two sources, and its canvas resizes every layer with it.
 */
public final class ShowMigration {
    private ShowMigration() {}

    /** The one-scene show of the profile's sources; one empty scene when they cannot be read. */
    public static Show fromProfile(StudioProfile profile) {
        StudioProfile p = profile.withDefaults();
        EncoderSettings settings = settings(p);
        try {
            return Shows.singleSource(settings, SourceSpec.parseVideo(p.sources().video(), null),
                    SourceSpec.parseAudio(p.sources().audio(), null));
        } catch (IllegalArgumentException e) {
            return new Show(Show.CURRENT_VERSION, Canvas.of(settings), settings, List.of(),
                    List.of(new Scene(Shows.SCENE, List.of())), Shows.SCENE, List.of(), null);
        }
    }

    /** The show on the profile's canvas (its layers scaled to it); unchanged while the canvas is invalid. */
    public static Show onCanvas(Show show, StudioProfile profile) {
        List<SettingsProblem> problems = new ArrayList<>();
        EncoderSettings settings = LivePlan.encoderSettings(profile, problems);
        return problems.isEmpty() ? ShowEdits.resized(show, Canvas.of(settings)) : show;
    }

    /**
     * Settings were saved: a changed video or audio source replaces the show's source of that name
     * (or is added), "none" for audio removes it, and a new canvas scales the layers; each is one
     * undoable edit. Returns the problems of an edit the validator refused (the show is unchanged).
     */
    public static List<SettingsProblem> followSettings(StudioShow show, StudioProfile before, StudioProfile after) {
        StudioProfile b = before.withDefaults();
        StudioProfile a = after.withDefaults();
        List<SettingsProblem> problems = new ArrayList<>();
        if (!a.sources().video().equals(b.sources().video())) {
            try {
                SourceConfig video = Shows.source(Shows.VIDEO, SourceSpec.parseVideo(a.sources().video(), null), true);
                problems.addAll(show.edit("Change the video source", s -> put(s, video)));
            } catch (IllegalArgumentException e) {
                problems.add(new SettingsProblem("video", e.getMessage()));
            }
        }
        if (!a.sources().audio().equals(b.sources().audio())) {
            try {
                SourceSpec spec = SourceSpec.parseAudio(a.sources().audio(), null);
                problems.addAll(show.edit("Change the audio source", s -> spec.kind() == SourceSpec.Kind.NONE
                        ? ShowEdits.removeSource(s, Shows.AUDIO) : put(s, Shows.source(Shows.AUDIO, spec, false))));
            } catch (IllegalArgumentException e) {
                problems.add(new SettingsProblem("audio", e.getMessage()));
            }
        }
        Show resized = onCanvas(show.current(), a);
        if (!resized.canvas().equals(show.current().canvas())) problems.addAll(show.edit("Change the canvas", s -> onCanvas(s, a)));
        return problems;
    }

    private static Show put(Show s, SourceConfig c) {
        return s.source(c.name()).isPresent() ? ShowEdits.editSource(s, c.name(), x -> c) : ShowEdits.addSource(s, c);
    }

    private static EncoderSettings settings(StudioProfile p) {
        List<SettingsProblem> problems = new ArrayList<>();
        EncoderSettings s = LivePlan.encoderSettings(p, problems);
        return problems.isEmpty() ? s : EncoderSettings.defaults();
    }
}
