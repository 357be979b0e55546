package io.castline.engine.source;

import io.castline.engine.destination.Secrets;
import io.castline.engine.ffmpeg.AvException;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thread that owns one FFmpegFrameGrabber: opens the input, reads it (paced or live, looping
 * files), and reopens it every few seconds when it fails, so an unplugged camera comes back by
 * itself while the program shows "no signal". Frames are handed to {@link #onFrame}; the grabbed
 * Frame is reused by the next grab, so the handler must take its own reference.
 */
abstract class GrabberLoop implements AutoCloseable {
    private static final long REOPEN_DELAY_MILLIS = 2_000;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final CaptureInput input;
    private final Thread thread;
    private final Pacer pacer = new Pacer();
    private volatile boolean running;
    private volatile String problem = "starting";
    private volatile long lastFrameNanos;
    private volatile boolean ended;
    private long lastLoggedNanos;
    private String lastLogged;

    GrabberLoop(String name, CaptureInput input) {
        this.name = name;
        this.input = input;
        this.thread = new Thread(this::run, "castline-source-" + name);
        this.thread.setDaemon(true);
    }

    public String name() { return name; }

    public void start() {
        running = true;
        thread.start();
    }

    /** Why there is no signal, or null while frames arrive. */
    public String problem() { return problem; }

    /** True once a file played once has ended (its last frame stays the source's picture). */
    public boolean ended() { return ended; }

    /** System.nanoTime() of the last delivered frame (0 before the first). */
    public long lastFrameNanos() { return lastFrameNanos; }

    /** Applies what this kind of source needs (pixel/sample format, channels) before start. */
    protected abstract void configure(FFmpegFrameGrabber grabber);

    /** Reads one frame (image or samples), or null at the end of the input. */
    protected abstract Frame grab(FFmpegFrameGrabber grabber) throws Exception;

    /** Takes what it needs from a grabbed frame; the frame is only valid during this call. */
    protected abstract void onFrame(Frame frame);

    /** A grabber for {@code input} with its format and options, set up by {@code configure}; not started. */
    static FFmpegFrameGrabber grabberFor(CaptureInput input, java.util.function.Consumer<FFmpegFrameGrabber> configure) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.input());
        if (input.format() != null) grabber.setFormat(input.format());
        for (Map.Entry<String, String> o : input.options().entrySet()) grabber.setOption(o.getKey(), o.getValue());
        configure.accept(grabber);
        return grabber;
    }

    private void run() {
        while (running) {
            FFmpegFrameGrabber grabber = grabberFor(input, this::configure);
            try {
                grabber.start();
                pacer.reset();
                readUntilEndOrStop(grabber);
            } catch (Exception e) {
                if (running) report(e);
            } finally {
                try {
                    grabber.close();
                } catch (Exception e) {
                    log.debug("{}: close failed", name, e);
                }
            }
            if (running) sleepQuietly(REOPEN_DELAY_MILLIS);
        }
    }

    private void readUntilEndOrStop(FFmpegFrameGrabber grabber) throws Exception {
        boolean first = true;
        while (running) {
            Frame frame = grab(grabber);
            if (frame == null) {
                if (!input.loop() && input.holdAtEnd()) {
                    ended = true;
                    log.info("{}: played to its end", name);
                    while (running) sleepQuietly(50);
                    return;
                }
                if (!input.loop()) throw new Exception("input ended");
                grabber.setTimestamp(0); // loop the file
                pacer.reset();
                continue;
            }
            if (input.paced()) pacer.await(frame.timestamp);
            onFrame(frame);
            lastFrameNanos = System.nanoTime();
            if (first) {
                problem = null;
                log.info("{}: receiving from {}", name, Secrets.mask(describe()));
                first = false;
            }
        }
    }

    private void report(Exception e) {
        String message = Secrets.mask(plainReason(String.valueOf(e.getMessage()), input));
        problem = "no signal: " + message;
        long now = System.nanoTime();
        // a missing device fails every two seconds: say it once, then now and then
        if (!message.equals(lastLogged) || now - lastLoggedNanos > LOG_EVERY_NANOS) {
            log.warn("{}: {} ({}); retrying every {} s", name, problem, describe(), REOPEN_DELAY_MILLIS / 1000);
            lastLogged = message;
            lastLoggedNanos = now;
        }
    }

    /**
     * JavaCV's "avformat_open_input() error -2: Could not open input "/dev/video0". (Has setFormat()
     * been called?) (For more details, …)" as a host reads it: "cannot open /dev/video0: No such
     * file or directory". Other messages are kept as they are.
     */
    static String plainReason(String message, String input) {
        Matcher m = JAVACV_ERROR.matcher(message);
        if (!m.lookingAt()) return message;
        String what = m.group(1).equals("avformat_open_input") ? "cannot open " + input : "cannot read " + input;
        return what + ": " + AvException.errorText(Integer.parseInt(m.group(2)));
    }

    /**
     * {@link #plainReason(String, String)}, with what the error means for this kind of input where
     * FFmpeg's words do not say it: the pulse input answers "No such process" when no sound
     * server runs at all.
     */
    static String plainReason(String message, CaptureInput input) {
        String reason = plainReason(message, input.input());
        if ("pulse".equals(input.format()) && reason.endsWith(": " + AvException.errorText(-ESRCH))) {
            reason += " (no sound server answered: is PulseAudio or PipeWire running?)";
        }
        return reason;
    }

    /** errno "No such process": FFmpeg's AVERROR(ESRCH) is its negative. */
    private static final int ESRCH = 3;

    private static final Pattern JAVACV_ERROR = Pattern.compile("(\\w+)\\(\\) error (-?\\d+)");

    private String describe() {
        return (input.format() == null ? "" : input.format() + " ") + input.input();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed();
    }

    /** Frees what the subclass holds, after the thread has ended. */
    protected void closed() {}
}
