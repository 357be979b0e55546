package io.castline.app.studio;

/** Where the studio is in going live. */
public enum LiveState {
    OFF_AIR, STARTING, LIVE, ENDING
}
