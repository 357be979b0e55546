package io.castline.engine.output;

import io.castline.engine.settings.InvalidSettingsException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file names of one recording. A recording never opens a file that exists: it takes the name
 * as given, else the first free {@code NAME-2.EXT}, {@code NAME-3.EXT}, … (OBS adds " (2)"; a dash
 * keeps names free of spaces for scripts). Each file is created here with {@code CREATE_NEW}, so a
 * file that appears meanwhile (another program, a second Castline) is skipped as well, never
 * truncated. A continuation (after a write error) takes a number above every file of this
 * recording, so the files sort in the order they were written.
 */
public final class RecordingFiles {
    private final Path requested;
    /** Number of the newest file created (1 = the name as given); 0 before the first. */
    private int number;

    public RecordingFiles(Path requested) {
        this.requested = requested.toAbsolutePath().normalize();
    }

    /** The name as given. */
    public Path requested() { return requested; }

    /** File {@code n} of a recording: {@code n == 1} is the name as given, then {@code NAME-n.EXT}. */
    public static Path numbered(Path requested, int n) {
        if (n < 1) throw new IllegalArgumentException("file numbers start at 1");
        if (n == 1) return requested;
        String name = requested.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return requested.resolveSibling(stem + "-" + n + ext);
    }

    /**
     * Creates the next file of this recording, empty: the first free name numbered above the files
     * created so far. Throws when the folder cannot take a new file (gone, not writable, full).
     */
    public Path createNext() throws IOException {
        for (int n = number + 1; ; n++) {
            Path candidate = numbered(requested, n);
            try {
                Files.createFile(candidate);
                number = n;
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                // someone's file (or an earlier recording of the same name): leave it alone
            }
        }
    }

    /**
     * The name {@link #createNext()} would take now (the first free number above the files created
     * so far), for telling the host where the recording will go on; not reserved.
     */
    public Path peekNext() {
        for (int n = number + 1; ; n++) {
            Path candidate = numbered(requested, n);
            if (!Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return candidate;
        }
    }

    /**
     * Deletes the newest file again when nothing of the stream reached it (it holds at most the
     * container header): the next attempt may take its name.
     */
    public void discardNewest(Path file) throws IOException {
        if (!file.equals(numbered(requested, number))) throw new IllegalArgumentException(file + " is not the newest file");
        Files.deleteIfExists(file);
        number--;
    }

    /**
     * Refuses, before going live, a recording whose folder is missing or cannot take a file, with
     * one line naming the folder ({@code record: directory /x/y does not exist}).
     */
    public static void checkDirectory(String field, Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir == null) throw new InvalidSettingsException(field, file + " is not a file name");
        if (!Files.exists(dir)) throw new InvalidSettingsException(field, "directory " + dir + " does not exist");
        if (!Files.isDirectory(dir)) throw new InvalidSettingsException(field, dir + " is not a directory");
        if (!Files.isWritable(dir)) throw new InvalidSettingsException(field, "directory " + dir + " is not writable");
        if (Files.isDirectory(file)) throw new InvalidSettingsException(field, file.toAbsolutePath().normalize() + " is a directory");
    }
}
