package io.castline.engine.devices;

/**
 * A sound input found on this computer: what the host calls it ("Monitor of Built-in Audio") and
 * what a {@code mic} source's {@code device} setting opens ("alsa_input.pci-0000_00_1f.3.analog-stereo",
 * "audio=Microphone (USB Audio)").
 */
public record Microphone(String name, String device) {}
