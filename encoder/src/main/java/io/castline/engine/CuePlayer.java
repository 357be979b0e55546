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
    private final Program program;
    private TransitionKind defaultKind;
    private Duration defaultDuration;
    /** The cue played last, or -1 before the first. */
    private int current = -1;

    public CuePlayer(Program program, TransitionKind defaultKind, Duration defaultDuration) {
        this.program = program;
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
        List<Cue> cues = program.show().cues();
        return current >= 0 && current < cues.size() ? cues.get(current) : null;
    }

    /** The cue "Next cue" plays, or null after the last. */
    public synchronized Cue upcoming() {
        List<Cue> cues = program.show().cues();
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
        List<Cue> cues = program.show().cues();
        if (index < 0 || index >= cues.size()) {
            throw new IllegalArgumentException("no cue number " + (index + 1) + " (the run of show has " + cues.size() + ")");
        }
        Cue cue = cues.get(index);
        TransitionKind kind = cue.transition() != null ? cue.transition() : defaultKind;
        Duration duration = cue.durationMillis() > 0 ? Duration.ofMillis(cue.durationMillis()) : defaultDuration;
        if (!cue.scene().equals(program.programScene())) {
            if (kind == TransitionKind.CUT || duration.isZero()) program.cut(cue.scene());
            else program.transition(cue.scene(), kind, duration);
        }
        if (cue.product() != null) program.pin(cue.product());
        if (cue.countdown() != null) program.startCountdown(cue.countdown());
        current = index;
        return cue;
    }
}
