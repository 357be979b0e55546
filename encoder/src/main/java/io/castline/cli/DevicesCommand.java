package io.castline.cli;

import io.castline.engine.encode.HardwareEncoders;
import io.castline.engine.settings.VideoCodec;
import picocli.CommandLine.Command;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code castline devices}: what this machine can capture and encode with. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List capture devices and the video encoders that work on this machine.")
public final class DevicesCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.out.println("Video encoders that work here:");
        for (VideoCodec c : HardwareEncoders.available()) {
            System.out.printf("  %-18s %s%s%n", c.id(), c.encoderName(), c.hardware() ? " (hardware)" : "");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            File[] cams = new File("/dev").listFiles((d, n) -> n.startsWith("video"));
            System.out.println("Cameras (v4l2): " + (cams == null || cams.length == 0 ? "none found"
                    : String.join(", ", Arrays.stream(cams).map(File::getPath).sorted().toList())));
            String display = System.getenv("DISPLAY");
            System.out.println("Screen (x11grab): " + (display == null ? "no DISPLAY set" : "screen:" + display));
            System.out.println("Microphone (pulse): mic:default");
        } else {
            System.out.println("Cameras and microphones: list them with the bundled ffmpeg: "
                    + (os.contains("win") ? "-list_devices true -f dshow -i dummy" : "-f avfoundation -list_devices true -i \"\""));
        }
        return 0;
    }
}
