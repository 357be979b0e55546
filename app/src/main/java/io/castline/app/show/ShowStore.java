package io.castline.app.show;

import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.ShowValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The studio's show, {@code show.json} beside {@code profile.json}: the same file format that
 * {@code castline live --show} plays (canvas, encoder, sources, scenes, the scene on air). The
 * destinations and the recording stay in the profile, whose stream keys are in the key store, so
 * this file never holds a key; give them to the CLI with its flags.
 *
 * <p>Never throws at the studio: with no file yet the show is made from the profile's one video and
 * audio source (the migration of a studio from before shows); a file that cannot be read is moved
 * aside ({@code show.json.invalid-<timestamp>}) and the problems are told, each with its field
 * path. A file whose rules fail (a missing image) is kept and opened, so it can be fixed.
 * Writes go through a temporary file and a move (see {@link ShowFile#write}).
 */
public final class ShowStore {
    private static final Logger LOG = LoggerFactory.getLogger(ShowStore.class);
    public static final String FILE_NAME = "show.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** @param problem what was wrong and what was done about it, or null when all was well */
    public record Loaded(Show show, String problem) {}

    private final Path dir;

    public ShowStore(Path dir) {
        this.dir = dir;
    }

    public Path file() { return dir.resolve(FILE_NAME); }

    /** Where the show's relative paths (images, media) are read from: the file's own folder. */
    public Path baseDirectory() { return dir.toAbsolutePath(); }

    /** @param migrated the show to start with when there is no file, or when it cannot be read */
    public Loaded load(Supplier<Show> migrated) {
        Path file = file();
        if (!Files.exists(file)) return new Loaded(migrated.get(), null);
        List<SettingsProblem> problems;
        try {
            ShowFile.Parsed parsed = ShowFile.parseAll(file, "show");
            if (parsed.problems().isEmpty()) {
                List<SettingsProblem> rules = ShowValidator.pictureProblems(parsed.show(), baseDirectory());
                return new Loaded(parsed.show(), rules.isEmpty() ? null : "The show " + file + " opened with problems to fix: "
                        + describe(rules) + ". Until they are fixed the preview cannot show it.");
            }
            problems = parsed.problems();
        } catch (InvalidSettingsException e) {
            problems = e.problems();
        } catch (UncheckedIOException e) {
            problems = List.of(new SettingsProblem("show", "cannot read it: " + e.getMessage()));
        }
        String where;
        try {
            Path aside = file.resolveSibling(FILE_NAME + ".invalid-" + LocalDateTime.now().format(STAMP));
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            where = "it was kept as " + aside.getFileName();
        } catch (IOException e) {
            where = "it could not be moved aside (" + e.getMessage() + ")";
        }
        LOG.warn("show {} unreadable ({}); {}", file, describe(problems), where);
        return new Loaded(migrated.get(), "Your show " + file + " could not be read (" + describe(problems) + "); " + where
                + ". Castline started with a show of one scene from your settings.");
    }

    /** Writes the show without destinations or recording (they are the profile's); throws when it cannot. */
    public void save(Show show) throws IOException {
        Files.createDirectories(dir);
        ShowFile.write(show.withOutputs(List.of()).withRecording(null), file());
    }

    private static String describe(List<SettingsProblem> problems) {
        return problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; "));
    }
}
