package io.castline.engine.settings;

/** Rate control as the ffmpeg CLI users know it. CBR is the default: ingests expect a steady rate. */
public enum RateControl { CBR, VBR, CRF }
