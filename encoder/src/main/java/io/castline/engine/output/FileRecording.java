package io.castline.engine.output;

import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an {@link Output} does differently when its target is a file. A network output that loses
 * its connection opens the same URL again; doing that with a file would truncate it (a full disk
 * once left 2 s of a 30 s recording). So a recording never opens a file twice:
 * <ul>
 *   <li>every file is new ({@link RecordingFiles}: the name as given, else {@code NAME-2.EXT}, …);</li>
 *   <li>a write error (disk full, file too large) keeps the file as it is, playable up to the last
 *       flush (MKV and fragmented MP4 need no trailer), and the recording goes on in the next
 *       numbered file, retried with the output's backoff; while the disk is still too full for a
 *       new file ({@link #ROOM_SECONDS} of the stream) no file is created at all;</li>
 *   <li>an error no new file can mend (the folder is gone or refuses files) stops the output
 *       (FAILED) with the reason; Retry now tries again.</li>
 * </ul>
 * Every reason names the files kept so far; the STOPPED reason lists every file of the recording.
 * The same facts go out as a {@link RecordingStatus} ({@link #status()}, read from any thread).
 * Used on the output's thread only, but for {@link #status()}.
 */
final class FileRecording {
    private static final Logger LOG = LoggerFactory.getLogger(FileRecording.class);
    /** Free space a new file needs after a write error, in seconds of the stream (at least 1 MiB). */
    static final int ROOM_SECONDS = 10;

    /** A finished file of this recording and what certainly is in it. */
    record Kept(Path file, long videoFrames, double seconds, long bytes) {
        String describe(boolean fullPath) {
            return String.format(Locale.ROOT, "%s (%d frames, %.1f s, %.1f MB)", fullPath ? file : file.getFileName(),
                    videoFrames, seconds, bytes / 1e6);
        }
    }

    private final OutputTarget target;
    private final List<StreamInfo> streams;
    private final RecordingFiles files;
    private final List<Kept> kept = new ArrayList<>();
    private final Chapters chapters;
    private Path current;
    private Muxer muxer;
    private boolean waitingForRoom;
    /** What {@link #status()} says; replaced (never changed) on the output thread. */
    private volatile RecordingStatus status;

    FileRecording(OutputTarget target, List<StreamInfo> streams) {
        this.target = target;
        this.streams = List.copyOf(streams);
        this.files = new RecordingFiles(Path.of(target.publishUrl()));
        this.chapters = new Chapters(target.name());
        this.status = new RecordingStatus(files.requested(), null, List.of(), null, false, null);
    }

    /** The files as records: the one being written, those kept, where the next one goes. Any thread. */
    RecordingStatus status() { return status; }

    /** No file open: {@code problem} is why, the recording goes on in the next free name. */
    private void publishWaiting(boolean diskFull, String problem) {
        status = new RecordingStatus(files.requested(), null, recorded(kept), files.peekNext(), diskFull, problem);
    }

    private static List<RecordingStatus.RecordedFile> recorded(List<Kept> kept) {
        return kept.stream().map(k -> new RecordingStatus.RecordedFile(k.file(), k.videoFrames(), k.seconds(), k.bytes())).toList();
    }

    /**
     * Creates the next file and opens a muxer on it. On failure the message is the reason, and
     * {@link #waitingForRoom()} says whether it is only a matter of free space.
     */
    Muxer open(Interrupts.Deadline deadline) throws AvException {
        waitingForRoom = false;
        Path dir = files.requested().getParent();
        if (!kept.isEmpty()) {
            long free = usableSpace(dir);
            if (free >= 0 && free < roomNeeded()) {
                waitingForRoom = true;
                String problem = String.format(Locale.ROOT, "%.1f MB free in %s, a new file needs %.1f MB",
                        free / 1e6, dir, roomNeeded() / 1e6);
                publishWaiting(true, problem);
                throw new AvException("disk full: " + problem + "; " + keptSummary());
            }
        }
        Path file;
        try {
            file = files.createNext();
        } catch (IOException e) {
            waitingForRoom = lowOnSpace(dir);
            String problem = "cannot create a file in " + dir + ": " + ioReason(e);
            publishWaiting(waitingForRoom, problem);
            throw new AvException(problem + suffix());
        }
        try {
            muxer = Muxer.open(target.inFile(file), streams, deadline);
        } catch (AvException e) {
            waitingForRoom = lowOnSpace(dir);
            discard(file); // at most a part of the header: nothing of the stream
            publishWaiting(waitingForRoom, e.getMessage());
            throw new AvException((waitingForRoom ? "disk full: " : "") + e.getMessage() + suffix());
        }
        current = file;
        chapters.fileOpened(file);
        status = new RecordingStatus(files.requested(), file, recorded(kept), null, false, null);
        return muxer;
    }

    /** The recording's chapters (marks from any thread). */
    Chapters chapters() { return chapters; }

    /**
     * Before the trailer of the current file, which ends at {@code endMillis} of the timeline: the
     * chapters go into the file (a container that has them) and its sidecar gets the last one's end.
     */
    void finishing(Transport transport, long endMillis) {
        List<Chapters.Chapter> list = chapters.list(endMillis);
        if (!list.isEmpty()) transport.chapters(list);
        if (current != null) chapters.finished(current, endMillis);
    }

    /** True when the last {@link #open} failed only for want of free space (retry later, do not fail). */
    boolean waitingForRoom() { return waitingForRoom; }

    /**
     * The current file could not be written (its muxer is closed): keeps it as it is, unless not a
     * byte of the stream reached it, and returns the reason to show while the next file waits.
     */
    String lost(String why) {
        Kept k = currentFigures();
        long header = muxer == null ? 0 : muxer.headerBytes();
        current = null;
        muxer = null;
        if (k != null) {
            if (k.videoFrames() == 0 && k.bytes() <= header) {
                discard(k.file());
            } else {
                kept.add(k);
            }
        }
        boolean full = lowOnSpace(files.requested().getParent());
        publishWaiting(full, why);
        return (full ? "disk full: " : "") + why + "; " + keptSummary() + "; the recording goes on in a new file"
                + (full ? " when there is room" : "");
    }

    /** The LIVE reason: where the recording goes now, and why not to the name as given. */
    String liveReason() {
        String to = "recording to " + current;
        if (!kept.isEmpty()) return to + " (after a write error; " + keptSummary() + ")";
        if (!current.equals(files.requested())) {
            return to + " (" + files.requested().getFileName() + " exists and is left as it was)";
        }
        return to;
    }

    /** The STOPPED reason: {@code base} and every file of this recording. */
    String stoppedReason(String base) {
        List<Kept> all = new ArrayList<>(kept);
        Kept last = currentFigures();
        if (last != null) all.add(last);
        RecordingStatus was = status;
        status = new RecordingStatus(files.requested(), null, recorded(all), null, was.diskFull(), was.problem());
        if (all.isEmpty()) return base;
        return base + "; recorded " + all.stream().map(x -> x.describe(true)).collect(Collectors.joining(", "));
    }

    private String keptSummary() {
        return kept.isEmpty() ? "nothing recorded yet"
                : "kept " + kept.stream().map(x -> x.describe(false)).collect(Collectors.joining(", "));
    }

    private String suffix() {
        return kept.isEmpty() ? "" : "; " + keptSummary();
    }

    private Kept currentFigures() {
        if (current == null || muxer == null) return null;
        Muxer.Durable d = muxer.durable();
        return new Kept(current, d.videoFrames(), d.seconds(), sizeOf(current));
    }

    private void discard(Path file) {
        try {
            files.discardNewest(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not remove the empty file {}: {}", target.name(), file, e.getMessage());
        }
    }

    /** Room for {@link #ROOM_SECONDS} of the stream (container overhead is a few percent), at least 1 MiB. */
    long roomNeeded() {
        long bitsPerSecond = 0;
        for (StreamInfo s : streams) bitsPerSecond += Math.max(0, s.parameters().bit_rate());
        return Math.max(1L << 20, ROOM_SECONDS * bitsPerSecond / 8);
    }

    private boolean lowOnSpace(Path dir) {
        long free = usableSpace(dir);
        return free >= 0 && free < roomNeeded();
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** "No such file or directory" rather than Java's "java.nio.file.NoSuchFileException: /x/y". */
    private static String ioReason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
