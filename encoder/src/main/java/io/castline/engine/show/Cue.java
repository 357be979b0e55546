package io.castline.engine.show;

/**
 * One step of the run of show: the scene it puts on air (with a transition), and optionally a
 * product to pin and a countdown to start. "Next cue" plays the cue after the current one.
 *
 * @param product   the SKU to pin, or null (the pin stays as it is)
 * @param countdown the name of a countdown source to start, or null
 * @param transition how the scene comes on air; null for the studio's transition (a cut headless)
 * @param durationMillis the transition's length (0: the default)
 */
public record Cue(String name, String scene, String product, String countdown, TransitionKind transition, long durationMillis) {
    public static Cue of(String name, String scene) {
        return new Cue(name, scene, null, null, null, 0);
    }
}
