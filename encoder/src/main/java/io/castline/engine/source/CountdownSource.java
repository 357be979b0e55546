package io.castline.engine.source;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.CountdownFace;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A countdown's source: no thread and no frames. Its face (background and digits) is made once;
 * its state is swapped whole by start, pause and reset, and the compositor reads it each tick to
 * pick the digits of that frame.
 */
public final class CountdownSource implements VideoSource {
    /** What happens once it has run out: it stays at 00:00, it is hidden, or the program cuts to {@link #endScene()}. */
    public enum AtEnd { STAY, HIDE, SCENE }

    private final String name;
    private final int fps;
    private final AtEnd atEnd;
    private final String endScene;
    private final Still background;
    private final Still[] digits = new Still[10];
    private final CountdownFace face;
    private final AtomicReference<Countdown> state;

    CountdownSource(String name, CountdownFace face, Countdown ready, int fps, AtEnd atEnd, String endScene) {
        this.name = name;
        this.endScene = endScene;
        this.face = face;
        this.fps = fps;
        this.atEnd = atEnd;
        this.state = new AtomicReference<>(ready);
        this.background = Stills.of(face.background(), false);
        for (int d = 0; d < 10; d++) digits[d] = Stills.of(face.digit(d), false);
    }

    public CountdownFace face() { return face; }
    public Still background() { return background; }
    public Still digit(int d) { return digits[d]; }
    public int fps() { return fps; }
    public AtEnd atEnd() { return atEnd; }
    /** The scene the program cuts to on the frame it runs out ({@link AtEnd#SCENE}), else null. */
    public String endScene() { return endScene; }
    public Countdown state() { return state.get(); }

    /** Counts down from frame {@code frame} of the program on; returns the new state. */
    public Countdown start(long frame) { return state.updateAndGet(c -> c.start(frame)); }
    public Countdown pause(long frame) { return state.updateAndGet(c -> c.pause(frame)); }
    public Countdown reset() { return state.updateAndGet(Countdown::reset); }

    @Override public String name() { return name; }
    @Override public String label() { return "countdown"; }
    @Override public void start() {}
    @Override public AVFrame takeLatest() { return null; }
    @Override public boolean hasFrames() { return false; }
    @Override public String problem() { return null; }
    @Override public void close() {}
}
