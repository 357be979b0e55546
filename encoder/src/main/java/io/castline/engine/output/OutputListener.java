package io.castline.engine.output;

/** Told of every state change of an output, on the output's own thread: return quickly. */
@FunctionalInterface
public interface OutputListener {
    void stateChanged(String output, OutputState from, OutputState to, String reason);
}
