package io.castline.engine.devices;

import org.bytedeco.ffmpeg.avdevice.AVDeviceInfo;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;

/**
 * The sound inputs this computer has now, as FFmpeg's capture input lists them ({@code ffmpeg
 * -sources pulse}): the sound server's sources on Linux (microphones, and the monitors of
 * outputs), dshow's audio devices on Windows, avfoundation's on macOS. No sound server: none.
 */
public final class MicrophoneLister {
    private static final Logger LOG = LoggerFactory.getLogger(MicrophoneLister.class);
    private static final int AVMEDIA_TYPE_AUDIO = 1;
    private final String format;

    public MicrophoneLister(String format) { this.format = format; }

    public static MicrophoneLister forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return new MicrophoneLister(os.contains("win") ? "dshow" : os.contains("mac") ? "avfoundation" : "pulse");
    }

    public synchronized List<Microphone> microphones() {
        avdevice_register_all();
        AVInputFormat input = av_find_input_format(format);
        if (input == null) return List.of();
        AVDeviceInfoList list = new AVDeviceInfoList(null);
        int n = avdevice_list_input_sources(input, (String) null, null, list);
        if (n < 0) {
            LOG.debug("{} lists no sound inputs (error {})", format, n);
            return List.of();
        }
        List<Microphone> found = new ArrayList<>();
        try {
            for (int i = 0; i < list.nb_devices(); i++) {
                AVDeviceInfo d = list.devices(i);
                // pulse gives no media types (every source is sound); dshow and avfoundation tell
                boolean audio = d.nb_media_types() == 0 && format.equals("pulse");
                for (int t = 0; t < d.nb_media_types(); t++) audio |= d.media_types().get(t) == AVMEDIA_TYPE_AUDIO;
                if (!audio) continue;
                String id = d.device_name() == null ? null : d.device_name().getString();
                String name = d.device_description() == null ? id : d.device_description().getString();
                if (id == null) continue;
                found.add(new Microphone(name, format.equals("dshow") ? "audio=" + name : id));
            }
        } finally {
            avdevice_free_list_devices(list);
        }
        return found;
    }
}
