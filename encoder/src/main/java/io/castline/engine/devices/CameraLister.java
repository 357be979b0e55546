package io.castline.engine.devices;

import org.bytedeco.ffmpeg.avdevice.AVDeviceInfo;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;

/**
 * The cameras this computer has now. On Linux the V4L2 capture nodes ({@code /dev/videoN} that are
 * a device's first node, with the name the driver gives in sysfs); elsewhere FFmpeg's own device
 * list of the platform's capture input (dshow). Cheap enough to ask every two seconds.
 */
public interface CameraLister {
    List<Camera> cameras();

    /** The lister for this platform. */
    static CameraLister forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) return new V4l2(Path.of("/dev"), Path.of("/sys/class/video4linux"));
        return new FfmpegList(os.contains("win") ? "dshow" : "avfoundation");
    }

    /** V4L2 nodes in {@code dev}, named from {@code sysfs} (either may be a test's folder). */
    final class V4l2 implements CameraLister {
        private static final Pattern NODE = Pattern.compile("video(\\d+)");
        private final Path dev;
        private final Path sysfs;

        public V4l2(Path dev, Path sysfs) {
            this.dev = dev;
            this.sysfs = sysfs;
        }

        @Override public List<Camera> cameras() {
            List<Camera> found = new ArrayList<>();
            try (Stream<Path> entries = Files.list(dev)) {
                entries.map(p -> p.getFileName().toString()).sorted((a, b) -> number(a) - number(b)).forEach(n -> {
                    Matcher m = NODE.matcher(n);
                    if (!m.matches()) return;
                    Path info = sysfs.resolve(n);
                    // a UVC camera has two nodes, the pictures (index 0) and its metadata
                    String index = read(info.resolve("index"));
                    if (index != null && !index.equals("0")) return;
                    String name = read(info.resolve("name"));
                    String device = dev.resolve(n).toString();
                    found.add(new Camera(name == null || name.isBlank() ? device : name, device));
                });
            } catch (IOException e) {
                return List.of();
            }
            return found;
        }

        private static int number(String node) {
            Matcher m = NODE.matcher(node);
            return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
        }

        private static String read(Path file) {
            try {
                return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** FFmpeg's list of an input device's sources ({@code ffmpeg -sources dshow}). */
    final class FfmpegList implements CameraLister {
        private static final Logger LOG = LoggerFactory.getLogger(FfmpegList.class);
        private final String format;
        private boolean warned;

        public FfmpegList(String format) { this.format = format; }

        @Override public synchronized List<Camera> cameras() {
            avdevice_register_all();
            AVInputFormat input = av_find_input_format(format);
            if (input == null) return List.of();
            AVDeviceInfoList list = new AVDeviceInfoList(null);
            int n = avdevice_list_input_sources(input, (String) null, null, list);
            if (n < 0) {
                if (!warned) LOG.info("{} cannot list its cameras (error {}); cameras are found only by name", format, n);
                warned = true;
                return List.of();
            }
            List<Camera> found = new ArrayList<>();
            try {
                for (int i = 0; i < list.nb_devices(); i++) {
                    AVDeviceInfo d = list.devices(i);
                    boolean video = d.nb_media_types() == 0;
                    for (int t = 0; t < d.nb_media_types(); t++) video |= d.media_types().get(t) == 0; // AVMEDIA_TYPE_VIDEO
                    if (!video) continue;
                    String id = d.device_name() == null ? null : d.device_name().getString();
                    String name = d.device_description() == null ? id : d.device_description().getString();
                    if (id == null) continue;
                    found.add(new Camera(name, format.equals("dshow") ? "video=" + name : id));
                }
            } finally {
                avdevice_free_list_devices(list);
            }
            return found;
        }
    }
}
