package io.castline.engine;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Cue;
import io.castline.engine.show.TransitionKind;

import java.time.Duration;
import java.util.List;

/**
 * Steps a running program through its show's run of show: each cue puts its scene on air (with its
 * transition, else the producer's), pins its product and starts its countdown. Knows the current cue
 * and the one "Next cue" plays, for the producer's display. The cues are the show's as it is now
 * (an edit that adds or removes cues keeps the place by number).
 */
public final class CuePlayer {
    /**
     * What a cue acts on: a headless program ({@link #CuePlayer(Program, TransitionKind, Duration)}),
     * or the studio's scenes, product and countdown controls, so a cue played from a hotkey takes the
     * same path as a click (and the studio's docks say what it did).
     */
    public interface Target {
        List<Cue> cues();

        String programScene();

        /** Puts the scene on air: a cut for {@code CUT} or a zero duration. */
        void putOnAir(String scene, TransitionKind kind, Duration duration) throws AvException;

        void pin(String sku) throws AvException;

        void startCountdown(String name) throws AvException;
    }

    private final Target target;
    private TransitionKind defaultKind;
    private Duration defaultDuration;
    /** The cue played last, or -1 before the first. */
    private int current = -1;

    public CuePlayer(Program program, TransitionKind defaultKind, Duration defaultDuration) {
        this(new Target() {
            @Override public List<Cue> cues() { return program.show().cues(); }
            @Override public String programScene() { return program.programScene(); }
            @Override public void putOnAir(String scene, TransitionKind kind, Duration duration) throws AvException {
                program.transition(scene, kind, duration); // a cut for CUT or zero
            }
            @Override public void pin(String sku) throws AvException { program.pin(sku); }
            @Override public void startCountdown(String name) throws AvException { program.startCountdown(name); }
        }, defaultKind, defaultDuration);
    }

    public CuePlayer(Target target, TransitionKind defaultKind, Duration defaultDuration) {
        this.target = target;
        this.defaultKind = defaultKind;
        this.defaultDuration = defaultDuration;
    }

    /** The transition a cue without one of its own uses (the studio's transition setting). */
    public synchronized void setDefaultTransition(TransitionKind kind, Duration duration) {
        this.defaultKind = kind;
        this.defaultDuration = duration;
    }

    /** The cue on air (played last), or null before the first. */
    public synchronized Cue current() {
        List<Cue> cues = target.cues();
        return current >= 0 && current < cues.size() ? cues.get(current) : null;
    }

    /** The cue "Next cue" plays, or null after the last. */
    public synchronized Cue upcoming() {
        List<Cue> cues = target.cues();
        int next = current + 1;
        return next < cues.size() ? cues.get(next) : null;
    }

    /** The number of the cue on air (0 for the first), or -1 before the first. */
    public synchronized int currentIndex() { return current; }

    /** Plays the cue after the current one; returns it. */
    public synchronized Cue next() throws AvException {
        if (upcoming() == null) throw new IllegalStateException("the run of show has no cue after "
                + (current() == null ? "the start" : "'" + current().name() + "'"));
        return go(current + 1);
    }

    /** Plays cue number {@code index} (0 for the first); returns it. */
    public synchronized Cue go(int index) throws AvException {
        List<Cue> cues = target.cues();
        if (index < 0 || index >= cues.size()) {
            throw new IllegalArgumentException("no cue number " + (index + 1) + " (the run of show has " + cues.size() + ")");
        }
        Cue cue = cues.get(index);
        TransitionKind kind = cue.transition() != null ? cue.transition() : defaultKind;
        Duration duration = cue.durationMillis() > 0 ? Duration.ofMillis(cue.durationMillis()) : defaultDuration;
        if (!cue.scene().equals(target.programScene())) target.putOnAir(cue.scene(), kind, duration);
        if (cue.product() != null) target.pin(cue.product());
        if (cue.countdown() != null) target.startCountdown(cue.countdown());
        current = index;
        return cue;
    }
}
