package io.castline.engine.output;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording's chapters on its own timeline. Marks come in on the program's clock (from any
 * thread); the recording's timeline starts at its first keyframe ({@link #timelineStarts}, told by
 * the output's thread), so a chapter starts at the mark's time less that. Next to each file of the
 * recording, {@code FILE.chapters.txt} (FFmpeg's FFMETADATA1) is written again, whole, at every
 * mark (a temporary file, synced, moved over the old one), so a crash keeps every chapter so far:
 * {@code ffmpeg -copyts -i rec.mkv -i rec.mkv.chapters.txt -map 0 -map_metadata 1 -map_chapters 1 -c copy out.mkv}
 * puts them into a copy. The last chapter ends where the recording has got to by the time it is
 * written (its start, until the next mark or the end); at the end of the file, at the last
 * picture. The muxer also writes them into the file itself before its trailer ({@link #list}).
 */
public final class Chapters {
    private static final Logger LOG = LoggerFactory.getLogger(Chapters.class);
    public static final String SUFFIX = ".chapters.txt";

    /** A chapter in milliseconds of the recording's timeline; {@code endMillis} -1 while it runs. */
    public record Chapter(long startMillis, long endMillis, String title) {}

    /** A mark on the program's clock: a chapter begins ({@code title}) or ends (null). */
    private record Mark(long programMicros, String title) {}

    private final String name;
    private final List<Mark> marks = new ArrayList<>();
    private long originMicros = Long.MIN_VALUE;
    private final List<Path> files = new ArrayList<>();

    Chapters(String name) {
        this.name = name;
    }

    /** A chapter called {@code title} begins at {@code programMicros}; null: the one running ends there. */
    public synchronized void mark(long programMicros, String title) {
        marks.add(new Mark(programMicros, title));
        writeSidecars();
    }

    /** Output thread: the recording's timeline starts at {@code originMicros} of the program's clock. */
    synchronized void timelineStarts(long originMicros) {
        this.originMicros = originMicros;
        writeSidecars();
    }

    /** Output thread: the recording goes on in {@code file} (its first, or the next after a write error). */
    synchronized void fileOpened(Path file) {
        files.add(file);
        writeSidecars();
    }

    /**
     * The chapters, in milliseconds of the recording's timeline, the last one ending at
     * {@code endMillis} (-1: left open); empty before the timeline starts.
     */
    public synchronized List<Chapter> list(long endMillis) {
        List<Chapter> out = new ArrayList<>();
        if (originMicros == Long.MIN_VALUE) return out;
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (m.title() == null) continue;
            Mark next = i + 1 < marks.size() ? marks.get(i + 1) : null;
            if (next != null && next.programMicros() <= originMicros) continue; // over before the recording began
            long start = Math.max(0, (m.programMicros() - originMicros) / 1000);
            long end = next != null ? Math.max(start, (next.programMicros() - originMicros) / 1000)
                    : endMillis < 0 ? -1 : Math.max(start, endMillis);
            out.add(new Chapter(start, end, m.title()));
        }
        return out;
    }

    /** Output thread: the file is finished at {@code endMillis}: its sidecar gets the last chapter's end. */
    synchronized void finished(Path file, long endMillis) {
        if (!marks.isEmpty()) write(file, list(endMillis));
    }

    private void writeSidecars() {
        // a recording without a pin has no chapters and no sidecar
        if (files.isEmpty() || originMicros == Long.MIN_VALUE || marks.isEmpty()) return;
        // every file of the recording lists the chapters on its one timeline, the running one open-ended
        write(files.get(files.size() - 1), list(-1));
    }

    private void write(Path file, List<Chapter> chapters) {
        Path sidecar = file.resolveSibling(file.getFileName() + SUFFIX);
        Path tmp = file.resolveSibling(file.getFileName() + SUFFIX + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                out.write(StandardCharsets.UTF_8.encode(ffmetadata(chapters)));
                out.force(true); // a crash right after keeps the chapters so far
            }
            try {
                Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // a full disk stops the recording itself; the chapters are told once per write that failed
            LOG.warn("{}: could not write the chapters to {}: {}", name, sidecar, e.getMessage());
        }
    }

    /** FFmpeg's metadata file: milliseconds; a running chapter ends where it starts (its start is what counts). */
    static String ffmetadata(List<Chapter> chapters) {
        StringBuilder b = new StringBuilder(";FFMETADATA1\n");
        for (Chapter c : chapters) {
            b.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(c.startMillis())
                    .append("\nEND=").append(c.endMillis() < 0 ? c.startMillis() : c.endMillis())
                    .append("\ntitle=").append(escape(c.title())).append('\n');
        }
        return b.toString();
    }

    /** '=', ';', '#', '\' and line ends are escaped with a backslash in FFMETADATA values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '=' || ch == ';' || ch == '#' || ch == '\\' || ch == '\n') b.append('\\');
            b.append(ch);
        }
        return b.toString();
    }
}
