package io.castline.engine;

import io.castline.engine.commerce.Product;
import io.castline.engine.output.Chapters;

import java.util.Objects;

/**
 * The seam between the show and a recording: each pin of the program marks a chapter named after
 * the product (title and variant) on the recording, at the program frame it reached the canvas on;
 * an unpin ends it. The recording knows only times and titles, never the show.
 */
final class ChapterMarks implements ProgramListener {
    private final Chapters chapters;
    private final int fps;
    /** The title of the chapter running, or null (told once: a pin heard twice is one chapter). */
    private String running;

    private ChapterMarks(Chapters chapters, int fps) {
        this.chapters = chapters;
        this.fps = fps;
    }

    /** Marks {@code chapters} from now on; the product pinned now, if any, is its first chapter (from the start). */
    static ChapterMarks attach(Program program, Chapters chapters) {
        ChapterMarks marks = new ChapterMarks(chapters, program.fps());
        program.addListener(marks);
        program.tellPinned(marks);
        return marks;
    }

    @Override public synchronized void productPinned(Product product, long frame) {
        String title = product.displayTitle();
        if (Objects.equals(title, running)) return;
        running = title;
        chapters.mark(micros(frame), title);
    }

    @Override public synchronized void productUnpinned(long frame) {
        if (running == null) return;
        running = null;
        chapters.mark(micros(frame), null);
    }

    private long micros(long frame) {
        return frame * 1_000_000L / fps;
    }
}
