package io.castline.cli;

import io.castline.engine.devices.Camera;
import io.castline.engine.devices.CaptureWindow;
import io.castline.engine.devices.WindowLister;
import io.castline.engine.devices.Microphone;
import io.castline.engine.devices.MicrophoneLister;
import io.castline.engine.devices.CameraLister;

import io.castline.engine.encode.HardwareEncoders;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.CaptureInput;
import io.castline.engine.source.GrabberAudioSource;
import io.castline.engine.source.SourceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code castline devices}: what this machine can capture and encode with. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List capture devices and the video encoders that work on this machine.")
public final class DevicesCommand implements Callable<Integer> {
    /** Long enough for a sound server to answer, short enough for a command a host waits for. */
    static final Duration MIC_PROBE_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--mic", paramLabel = "NAME", description = "the microphone to check (default: the system's default input)")
    String mic;
    @Option(names = "--mic-input-format", hidden = true, description = "override the capture format of the microphone (tests: lavfi)")
    String micInputFormat;

    @Override public Integer call() {
        System.out.println("Video encoders that work here:");
        for (VideoCodec c : HardwareEncoders.available()) {
            System.out.printf("  %-18s %s%s%n", c.id(), c.encoderName(), c.hardware() ? " (hardware)" : "");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<Camera> cameras = CameraLister.forThisPlatform().cameras();
        System.out.println("Cameras: " + (cameras.isEmpty() ? "none found"
                : String.join(", ", cameras.stream().map(c -> c.name().equals(c.device()) ? c.device()
                        : c.name() + " (device " + c.device() + ")").toList())));
        if (os.contains("linux")) {
            String display = System.getenv("DISPLAY");
            System.out.println("Screen (x11grab): " + (display == null ? "no DISPLAY set" : "screen:" + display));
        }
        if (!os.contains("mac")) {
            List<CaptureWindow> windows = WindowLister.forThisPlatform(null).windows();
            System.out.println("Windows (a screen source's \"window\"): " + (windows.isEmpty() ? "none found"
                    : String.join(", ", windows.stream().map(w -> w.label() + (w.id().equals(w.title()) ? "" : " = " + w.id())).toList())));
        }
        List<Microphone> microphones = MicrophoneLister.forThisPlatform().microphones();
        System.out.println("Sound inputs (a mic source's \"device\"): " + (microphones.isEmpty() ? "none found"
                : String.join(", ", microphones.stream().map(m -> m.name().equals(m.device()) ? m.device()
                        : m.name() + " = " + m.device()).toList())));
        if (os.contains("linux") || mic != null || micInputFormat != null) {
            System.out.println(microphoneLine());
        } else {
            System.out.println("Microphones: list them with the bundled ffmpeg: "
                    + (os.contains("win") ? "-list_devices true -f dshow -i dummy" : "-f avfoundation -list_devices true -i \"\""));
        }
        return 0;
    }

    /**
     * The microphone as the studio and {@code live --audio mic} would open it, tried for real: one
     * that cannot be opened or gives no sound is listed as unavailable, with the reason.
     */
    private String microphoneLine() {
        SourceSpec spec = SourceSpec.parseAudio(mic == null ? "mic" : "mic:" + mic, micInputFormat);
        CaptureInput input = CaptureInput.forAudio(spec);
        String name = "mic:" + (mic == null ? input.input() : mic);
        String problem = GrabberAudioSource.probe(input, MIC_PROBE_TIMEOUT);
        return "Microphone (" + input.format() + "): " + name
                + (problem == null ? " (works: sound arrives)" : " unavailable: " + problem);
    }
}
