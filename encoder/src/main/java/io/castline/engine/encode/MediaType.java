package io.castline.engine.encode;

public enum MediaType { VIDEO, AUDIO }
