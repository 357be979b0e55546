package io.castline.engine.show;

/** The local recording: the file to write (.mkv, .mp4, .flv or .ts); a taken name gets a number. */
public record RecordingConfig(String path) {}
