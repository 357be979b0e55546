package io.castline.engine.ffmpeg;

import io.castline.engine.destination.Secrets;
import org.bytedeco.javacpp.BytePointer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A failure already said in words, keeping FFmpeg's code (a transport's own description). */
    public static AvException described(String message, int code) {
        return new AvException(message, code, true);
    }

    private AvException(String message, int code, boolean described) {
        super(Secrets.mask(message));
        this.code = code;
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

    /** "rtmp: Cannot open connection tcp://host:port?tcp_nodelay=1": FFmpeg's way of naming the peer. */
    private static final Pattern CANNOT_OPEN =
            Pattern.compile("^\\w+: Cannot open connection \\w+://([^?\\s]+)\\S*$");

    static String describe(String what, int code) {
        return describe(what, errorText(code), FFmpegLog.lastError());
    }

    /**
     * FFmpeg's error text, with its last log line when that says more. A failed connection names
     * only the peer ("Connection refused (127.0.0.1:1935)"): the rest of that log line is FFmpeg's
     * plumbing (protocol, URL options), not words for a host.
     */
    static String describe(String what, String text, String logged) {
        Matcher peer = logged == null ? null : CANNOT_OPEN.matcher(logged);
        if (peer != null && peer.matches()) return what + ": " + text + " (" + peer.group(1) + ")";
        if (logged != null && !logged.equalsIgnoreCase(text) && !text.contains(logged)) {
            return what + ": " + text + " (" + logged + ")";
        }
        return what + ": " + text;
    }
}
