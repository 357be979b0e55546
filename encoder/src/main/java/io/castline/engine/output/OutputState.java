package io.castline.engine.output;

/** The life of one output. Every transition carries a reason (see {@link OutputStatus#reason()}). */
public enum OutputState {
    IDLE, CONNECTING, LIVE, RECONNECTING, FAILED, STOPPED;

    public boolean isActive() { return this == CONNECTING || this == LIVE || this == RECONNECTING; }
}
