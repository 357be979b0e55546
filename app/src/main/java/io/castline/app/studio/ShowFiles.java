package io.castline.app.studio;

import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowImport;
import io.castline.app.show.ShowStore;
import io.castline.app.show.StudioShow;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.ShowValidator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The studio's show on disk: {@code show.json} written on every change, a show file opened in
 * place of the show, the show saved as a file of the user's. Failures are told. UI thread.
 */
final class ShowFiles {
    /** Where {@code show.json} is kept, or null to keep the show in memory. */
    private final ShowStore store;
    private final StudioShow show;
    /** The show as the engine plays it, or null while the encoder settings are invalid. */
    private final Supplier<Show> onAirShow;
    private final Notifier notifier;

    ShowFiles(ShowStore store, StudioShow show, Supplier<Show> onAirShow, Notifier notifier) {
        this.store = store;
        this.show = show;
        this.onAirShow = onAirShow;
        this.notifier = notifier;
    }

    /** Writes the edited show to {@code show.json}; a failed write is told, the show still plays. */
    void saveToStore() {
        if (store == null) return;
        Show s = onAirShow.get();
        try {
            store.save(s != null ? s : show.onAir());
        } catch (IOException e) {
            notifier.show(Notice.error("save-show", "Show not saved", "Could not write " + store.file() + ": "
                    + e.getMessage() + ". The show plays until you close Castline. What to do: check that the folder is writable."));
        }
    }

    /**
     * Opens a show file: every problem with it is told at once, each with its field path, and the
     * show that was open stays; otherwise {@code adopt} takes the show and the settings made of it
     * in, and what the studio could not take is told. Returns true when it was opened.
     *
     * @param settings the settings now, whose canvas, encoder, destinations and recording the show's replace
     */
    boolean open(Path file, StudioProfile settings, Consumer<ShowImport.Result> adopt) {
        ShowFile.Parsed parsed;
        try {
            parsed = ShowFile.parseAll(file, "show");
        } catch (InvalidSettingsException e) {
            return refused(file, e.problems());
        }
        Path base = parsed.migrated() ? Path.of("").toAbsolutePath() : ShowFile.baseDirectory(file);
        List<SettingsProblem> problems = ShowFile.merge(parsed.problems(), ShowValidator.pictureProblems(parsed.show(), base));
        if (!problems.isEmpty()) return refused(file, problems);
        ShowImport.Result imported = ShowImport.of(parsed.show(), base, settings);
        adopt.accept(imported);
        notifier.show(Notice.info("open-show", "Show opened", file.getFileName() + " is on air in the preview"
                + (imported.notes().isEmpty() ? "." : "; " + String.join("; ", imported.notes()) + ".")));
        return true;
    }

    private boolean refused(Path file, List<SettingsProblem> problems) {
        notifier.show(Notice.error("open-show", "Show not opened", file + ": " + problems.stream().map(SettingsProblem::toString)
                .collect(java.util.stream.Collectors.joining("; ")) + ". The show you had stays open."));
        return false;
    }

    /** Writes the show to a file of the user's (without destinations: no key in it); a failure is told. */
    boolean saveAs(Path file) {
        Show s = onAirShow.get();
        try {
            ShowFile.write((s != null ? s : show.onAir()).withOutputs(List.of()).withRecording(null), file);
            notifier.show(Notice.info("save-show", "Show saved", "Saved as " + file + " (its destinations and recording "
                    + "stay in Settings; play it headless with castline live --show " + file.getFileName() + " --primary …)."));
            return true;
        } catch (IOException e) {
            notifier.show(Notice.error("save-show", "Show not saved", "Could not write " + file + ": " + e.getMessage() + "."));
            return false;
        }
    }
}
