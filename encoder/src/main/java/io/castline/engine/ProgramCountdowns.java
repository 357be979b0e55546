package io.castline.engine;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.video.Compositor;

/**
 * The program's countdowns: start, pause, reset and their states, and what their ends do on the
 * compositor's clock (a cut to a scene, planned at the start and made on the frame it runs out).
 * Called with the program's lock held; the program's public methods delegate here.
 */
final class ProgramCountdowns {
    private final Program program;
    private final Compositor compositor;
    /** The countdown whose end cuts to a scene (its cut waits in the compositor), or null. */
    private String scheduledBy;

    ProgramCountdowns(Program program, Compositor compositor) {
        this.program = program;
        this.compositor = compositor;
    }

    Countdown start(String name) throws AvException {
        CountdownSource c = countdown(name);
        Countdown started = c.start(compositor.nextIndex());
        if (c.atEnd() == CountdownSource.AtEnd.SCENE && c.endScene() != null && program.show().scene(c.endScene()).isPresent()) {
            // planned now, cut by the clock on the very frame it runs out
            compositor.scheduleCut(program.plan(c.endScene()), started.endFrame());
            scheduledBy = name;
        }
        return started;
    }

    Countdown pause(String name) {
        Countdown paused = countdown(name).pause(compositor.nextIndex());
        cancelEndCut(name);
        return paused;
    }

    Countdown reset(String name) {
        Countdown reset = countdown(name).reset();
        cancelEndCut(name);
        return reset;
    }

    Countdown state(String name) {
        return countdown(name).state();
    }

    /**
     * True once a countdown's end cut has been made by the clock's thread (told once): the program
     * then takes the compositor's scene as its own.
     */
    boolean endCutTaken() {
        if (scheduledBy == null || compositor.scheduledScene() != null) return false;
        scheduledBy = null;
        return true;
    }

    private void cancelEndCut(String name) {
        if (name.equals(scheduledBy) && compositor.cancelScheduledCut()) scheduledBy = null;
    }

    private CountdownSource countdown(String name) {
        OpenedSource s = program.openedSource(name);
        if (s == null || !(s.video() instanceof CountdownSource c)) {
            throw new IllegalArgumentException("no countdown is called '" + name + "' in the scenes of the show");
        }
        return c;
    }
}
