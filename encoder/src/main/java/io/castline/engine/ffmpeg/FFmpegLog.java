package io.castline.engine.ffmpeg;

import io.castline.engine.destination.Secrets;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Routes FFmpeg's log into SLF4J with stream keys masked, and remembers the last error-level
 * message per thread, so that a failing call can be reported in FFmpeg's own words
 * ("Connection refused", "Server error: …") instead of a bare error code.
 */
public final class FFmpegLog extends LogCallback {
    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
    /** The error-level messages since {@link #clearLastError()} on this thread (the last few). */
    private static final ThreadLocal<ArrayDeque<String>> ERRORS = ThreadLocal.withInitial(ArrayDeque::new);
    private static final int ERRORS_KEPT = 8;
    private static final FFmpegLog INSTANCE = new FFmpegLog().retainReference();
    private static volatile boolean installed;
    private static final java.util.regex.Pattern CONTEXT = java.util.regex.Pattern.compile("\\[(\\w+) @ 0x[0-9a-fA-F]+\\] ");

    private FFmpegLog() {}

    /** Installs the callback once per process; safe to call from anywhere. */
    public static synchronized void install() {
        if (installed) return;
        av_log_set_level(AV_LOG_WARNING);
        setLogCallback(INSTANCE);
        installed = true;
    }

    /** Clears the remembered error of this thread; call before an operation whose words you want. */
    public static void clearLastError() {
        LAST_ERROR.remove();
        ERRORS.get().clear();
    }

    /**
     * Every error-level message (masked) logged on this thread since {@link #clearLastError()}, oldest
     * first (the last few): the last one alone may hide the cause, as "Cannot open connection" after
     * OpenSSL's "certificate verify failed".
     */
    public static List<String> errorsSinceClear() { return List.copyOf(ERRORS.get()); }

    /** The last error-level FFmpeg message logged on this thread, masked, or null. */
    public static String lastError() { return LAST_ERROR.get(); }

    @Override public void call(int level, BytePointer msg) {
        // "[rtmp @ 0x7f04…] Cannot open connection" → "rtmp: Cannot open connection": the address
        // means nothing to a host reading a reason
        String text = CONTEXT.matcher(Secrets.mask(msg.getString().strip())).replaceAll("$1: ");
        if (text.isEmpty()) return;
        if (level <= AV_LOG_ERROR) {
            LAST_ERROR.set(text);
            ArrayDeque<String> errors = ERRORS.get();
            if (errors.size() == ERRORS_KEPT) errors.removeFirst();
            errors.addLast(text);
            LOG.debug("{}", text); // the owner reports it with context; avoid double-logging at error
        } else if (level <= AV_LOG_WARNING) {
            LOG.debug("{}", text);
        } else {
            LOG.trace("{}", text);
        }
    }
}
