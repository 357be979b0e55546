package io.castline.engine.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recording has written, as records (the state's reason says the same in words): for a
 * studio that shows the file being written and lists the files at the end without reading prose.
 *
 * @param requested      the file name as given (the first file, unless it existed)
 * @param current        the file being written now; null while no file is open (waiting for room
 *                       after a write error, failed, stopped)
 * @param finished       the files closed so far, oldest first, each with what it certainly holds
 *                       (at the last flush); at STOPPED every file of the recording
 * @param next           while no file is open after a write error: the name the recording will go
 *                       on in (the first free number now; a file that appears meanwhile is skipped)
 * @param diskFull       the last write error or open failure was for want of free space
 * @param problem        that error in words, without the file list ("write failed: No space left
 *                       on device", "0.3 MB free in /x, a new file needs 1.3 MB"); null when none
 */
public record RecordingStatus(Path requested, Path current, List<RecordedFile> finished, Path next, boolean diskFull,
                              String problem) {
    public RecordingStatus {
        finished = List.copyOf(finished);
    }

    /** A finished file of a recording and what certainly is in it. */
    public record RecordedFile(Path file, long videoFrames, double seconds, long bytes) {}

    /** Every file of the recording so far: the finished ones and the one being written. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>();
        finished.forEach(f -> all.add(f.file()));
        if (current != null) all.add(current);
        return all;
    }
}
