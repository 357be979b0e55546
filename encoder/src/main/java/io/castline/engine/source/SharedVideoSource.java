package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * One video source read by more than one compositor (the program, and studio mode's preview of the
 * next scene). {@link VideoSource#takeLatest} hands each frame to one caller only, so a second
 * reader would steal every other frame from the program; here each {@link Reader} gets every new
 * frame once (a reference of its own), whichever reader asked first. The lock is held only to
 * take the source's frame and add a reference: a few microseconds, never across I/O.
 */
public final class SharedVideoSource {
    private final VideoSource inner;
    private AVFrame held;
    private long sequence;
    private boolean closed;

    public SharedVideoSource(VideoSource inner) {
        this.inner = inner;
    }

    /** The reader that owns the source: it starts it and closes it (the program's). */
    public Reader owner() { return new Reader(true); }

    /** Another reader: starting and closing it do nothing to the source. */
    public Reader reader() { return new Reader(false); }

    private synchronized AVFrame after(long[] seen) {
        if (closed) return null;
        AVFrame fresh = inner.takeLatest();
        if (fresh != null) {
            if (held != null) av_frame_free(held);
            held = fresh;
            sequence++;
        }
        if (held == null || seen[0] == sequence) return null;
        seen[0] = sequence;
        return av_frame_clone(held);
    }

    private synchronized void close() {
        if (closed) return;
        closed = true;
        if (held != null) av_frame_free(held);
        held = null;
        inner.close();
    }

    /** One consumer's view of the shared source. */
    public final class Reader implements VideoSource {
        private final boolean owns;
        private final long[] seen = {0};

        private Reader(boolean owns) { this.owns = owns; }

        /** The source this reads, for another reader of the same. */
        public SharedVideoSource shared() { return SharedVideoSource.this; }

        @Override public String name() { return inner.name(); }
        @Override public String label() { return inner.label(); }

        @Override public void start() {
            if (owns) inner.start();
        }

        @Override public AVFrame takeLatest() { return after(seen); }

        @Override public String problem() { return inner.problem(); }

        @Override public void close() {
            if (owns) SharedVideoSource.this.close();
        }
    }
}
