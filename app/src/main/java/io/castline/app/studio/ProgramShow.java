package io.castline.app.studio;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.notify.Reasons;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.StudioShow;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The studio's show on the engine's program: at the settings' canvas and encoder, handed over
 * after every change; a show the engine refuses is told until one plays again. UI thread.
 */
final class ProgramShow {
    private final StudioEngine engine;
    private final StudioShow show;
    private final Supplier<StudioProfile> profile;
    private final Notifier notifier;
    private final Executor uiThread;
    /** True while the "show cannot play" notice is up. */
    private boolean refused;

    ProgramShow(StudioEngine engine, StudioShow show, Supplier<StudioProfile> profile, Notifier notifier, Executor uiThread) {
        this.engine = engine;
        this.show = show;
        this.profile = profile;
        this.notifier = notifier;
        this.uiThread = uiThread;
    }

    /**
     * Keeps the program (preview, meters) running with the show at the profile's canvas and
     * encoder; nothing while the encoder settings are invalid (Settings shows why). A show the
     * engine refuses (live: a new canvas; a missing file) is told, and what is on air stays.
     */
    void play() {
        Show onAir = onAir();
        if (onAir == null) return;
        engine.showProgram(onAir, show.baseDirectory()).whenCompleteAsync((ok, error) -> {
            if (error == null) {
                if (refused) notifier.withdraw("show-program");
                refused = false;
            } else {
                refused = true;
                notifier.show(Notice.error("show-program", "The show cannot play", Reasons.of(error)
                        + ". What to do: undo the last change (Ctrl+Z), or fix what is named here."));
            }
        }, uiThread);
    }

    /** The show as the engine plays it now: the profile's canvas and encoder; null while those are invalid. */
    Show onAir() {
        List<SettingsProblem> problems = new ArrayList<>();
        EncoderSettings settings = LivePlan.encoderSettings(profile.get(), problems);
        if (!problems.isEmpty()) return null;
        return ShowEdits.resized(show.onAir(), Canvas.of(settings)).withEncoder(settings);
    }
}
