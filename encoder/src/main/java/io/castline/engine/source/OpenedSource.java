package io.castline.engine.source;

import io.castline.engine.audio.AudioSource;

/**
 * A source of the show, opened once however many layers show it: its picture (null for a sound-only
 * source) and its sound (null for a silent one).
 */
public record OpenedSource(SourceConfig config, VideoSource video, AudioSource audio) implements AutoCloseable {

    public void start() {
        if (video != null) video.start();
        if (audio != null) audio.start();
    }

    @Override public void close() {
        if (video != null) video.close();
        if (audio != null) audio.close();
    }
}
