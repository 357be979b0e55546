package io.castline.app.layers;

import io.castline.engine.devices.Camera;
import io.castline.engine.devices.CaptureWindow;
import io.castline.engine.devices.Microphone;

import java.util.List;

/** What the add-source dialog offers to pick from, asked when it opens or a list drops down. */
public interface CaptureDevices {
    /** The cameras plugged in now. */
    List<Camera> cameras();

    /** The sound inputs there are now (the sound server's sources). */
    List<Microphone> microphones();

    /** The windows open on an X display (null: the studio's) or the desktop. */
    List<CaptureWindow> windows(String display);
}
