package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A source whose picture is a {@link Still}, made when it opens (or, for a drawn overlay such as a
 * product card, made again when what it shows changes: the scenes showing it are then planned
 * again). It has no thread and no frames: the compositor reads {@link #still()} when it plans a scene.
 */
public class StillSource implements VideoSource {
    private final String name;
    private final String label;
    private volatile Still still;
    private final String problem;

    protected StillSource(String name, String label, Still still, String problem) {
        this.name = name;
        this.label = label;
        this.still = still;
        this.problem = problem;
    }

    public static StillSource of(String name, String label, Still still) {
        return new StillSource(name, label, still, null);
    }

    /** A still that could not be made (an unreadable image): its layers show "no signal". */
    public static StillSource failed(String name, String label, String problem) {
        return new StillSource(name, label, null, "no signal: " + problem);
    }

    /** The picture; null when it could not be made (see {@link #problem()}). */
    public Still still() { return still; }

    /** A new picture, taken by the next plan of a scene that shows this source. */
    protected void replace(Still next) { still = next; }

    @Override public String name() { return name; }
    @Override public String label() { return label; }
    @Override public void start() {}
    @Override public AVFrame takeLatest() { return null; }
    @Override public boolean hasFrames() { return false; }
    @Override public String problem() { return problem; }
    @Override public void close() {}
}
