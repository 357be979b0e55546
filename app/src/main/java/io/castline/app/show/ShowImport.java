package io.castline.app.show;

import io.castline.app.profile.PublishUrl;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.show.OutputConfig;
import io.castline.engine.show.Show;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A show file opened in the studio: its canvas and encoder become the profile's (Settings shows
 * them), its destinations the profile's list, names and roles kept (their keys then go to the key
 * store, never into {@code show.json}), its recording's folder and format the profile's; relative
 * paths are made absolute from the file's folder, so the show still finds its images once kept as
 * {@code show.json} elsewhere. What the studio cannot hold yet is said, not dropped silently.
 */
public final class ShowImport {
    /** @param notes what was left out ("2 extra destinations…"); empty when everything came in */
    public record Result(Show show, StudioProfile profile, List<String> notes) {}

    private ShowImport() {}

    public static Result of(Show show, Path baseDirectory, StudioProfile profile) {
        StudioProfile p = profile.withDefaults();
        List<String> notes = new ArrayList<>();
        EncoderSettings e = show.encoderSettings();
        StudioProfile.Encoder encoder = new StudioProfile.Encoder(e.codec().id(), e.preset(), e.tune() == null ? "" : e.tune(),
                e.profile() == null ? "" : e.profile(), e.rateControl().name().toLowerCase(Locale.ROOT), e.bitrateKbps(),
                e.maxrateKbps(), e.bufsizeKbits(), e.crf(), e.gopSeconds(), e.bframes(), e.audioBitrateKbps());
        StudioProfile.Canvas canvas = new StudioProfile.Canvas(show.canvas().width(), show.canvas().height(), show.canvas().fps());

        List<StudioProfile.Output> outputs = p.outputs();
        if (!show.outputs().isEmpty()) {
            List<StudioProfile.Output> imported = new ArrayList<>();
            for (OutputConfig o : show.outputs()) {
                if (o.fingerprint() != null) notes.add(o.name() + ": its certificate fingerprint was left out (the studio "
                        + "trusts a CA file); set one in Settings if the server's certificate is self-signed");
                imported.add(new StudioProfile.Output(o.name(), o.role().id(), ingest(o, baseDirectory)));
            }
            outputs = List.copyOf(imported);
        }
        StudioProfile.Recording recording = p.recording();
        if (show.recording() != null) {
            Path file = baseDirectory.resolve(show.recording().path()).toAbsolutePath().normalize();
            String name = file.getFileName().toString();
            String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "mkv";
            recording = new StudioProfile.Recording(true, file.getParent().toString(), format);
            notes.add("recordings go into " + file.getParent() + " with the time in their names, not as " + name);
        }
        StudioProfile next = new StudioProfile(StudioProfile.CURRENT_VERSION, outputs, p.sources(), encoder, canvas,
                recording, p.view(), p.hotkeys());
        Show studioShow = absolutePaths(show, baseDirectory).withOutputs(List.of()).withRecording(null);
        return new Result(studioShow, next, List.copyOf(notes));
    }

    private static StudioProfile.Ingest ingest(OutputConfig o, Path base) {
        StudioProfile.Ingest split = PublishUrl.split(o.url());
        StudioProfile.Ingest i = split != null ? split : new StudioProfile.Ingest(o.url(), "");
        String ca = o.ca() == null ? "" : base.resolve(o.ca()).toAbsolutePath().normalize().toString();
        return new StudioProfile.Ingest(i.server(), i.key(), ca);
    }

    /** Every file the show names (source files, product pictures), relative ones made absolute from {@code base}. */
    static Show absolutePaths(Show show, Path base) {
        return io.castline.engine.show.ShowEdits.withAbsolutePaths(show, base);
    }
}
