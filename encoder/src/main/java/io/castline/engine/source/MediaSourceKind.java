package io.castline.engine.source;

import io.castline.engine.settings.Problems;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import java.util.Map;
import java.util.Set;

/**
 * {@code media}: a video or sound file played at its own pace, looping ({@code loop}, the default)
 * or once (its last picture stays). Its sound is a mixer channel unless {@code audio} is false; a
 * sound file is a media source with {@code video} false.
 */
final class MediaSourceKind implements SourceKind {
    @Override public String id() { return "media"; }
    @Override public String displayName() { return "Media file"; }
    @Override public Set<String> settingKeys() { return Set.of("path", "loop", "audio", "video"); }

    @Override public Set<String> fileKeys() { return Set.of("path"); }
    @Override public boolean hasVideo(SourceConfig config) { return config.flag("video", true); }
    @Override public boolean hasAudio(SourceConfig config) { return config.flag("audio", true); }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.readableFile(config, "path", context, problems);
        Checks.flag(config, "loop", problems);
        Checks.flag(config, "audio", problems);
        Checks.flag(config, "video", problems);
        if (!config.flag("video", true) && !config.flag("audio", true)) problems.add("video", "a media source with neither picture nor sound");
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        String path = context.resolve(config.string("path", "")).toString();
        boolean loop = config.flag("loop", true);
        CaptureInput in = new CaptureInput(null, path, Map.of(), true, loop, !loop);
        String label = "file " + java.nio.file.Path.of(path).getFileName();
        GrabberVideoSource video = hasVideo(config) ? new GrabberVideoSource(config.name(), in, label) : null;
        GrabberAudioSource audio = hasAudio(config) && fileHasSound(path)
                ? new GrabberAudioSource(config.name(), in) : null;
        return new OpenedSource(config, video, audio);
    }

    /** Opens the file's header only: a file without sound must not be read to its end for samples. */
    private static boolean fileHasSound(String path) {
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(path)) {
            probe.start(false);
            return probe.hasAudio();
        } catch (Exception e) {
            return false; // the video source will say what is wrong with it
        }
    }
}
