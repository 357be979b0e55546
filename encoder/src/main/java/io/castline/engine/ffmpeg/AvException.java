package io.castline.engine.ffmpeg;

import io.castline.engine.destination.Secrets;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** A failed libav* call, described with FFmpeg's error text and its last log line (keys masked). */
public class AvException extends Exception {
    private final int code;

    public AvException(String what, int code) {
        super(Secrets.mask(describe(what, code)));
        this.code = code;
    }

    public AvException(String message) {
        super(Secrets.mask(message));
        this.code = 0;
    }

    public int code() { return code; }

    /** Throws when {@code ret} is negative, otherwise returns it. */
    public static int check(int ret, String what) throws AvException {
        if (ret < 0) throw new AvException(what, ret);
        return ret;
    }

    public static String errorText(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            av_strerror(code, buf, 256);
            // getString() reads up to the limit, not the NUL: cut at the terminator
            String text = buf.getString();
            int end = text.indexOf('\0');
            return (end < 0 ? text : text.substring(0, end)).strip();
        }
    }

    private static String describe(String what, int code) {
        String text = errorText(code);
        String logged = FFmpegLog.lastError();
        if (logged != null && !logged.equalsIgnoreCase(text) && !text.contains(logged)) {
            return what + ": " + text + " (" + logged + ")";
        }
        return what + ": " + text;
    }
}
