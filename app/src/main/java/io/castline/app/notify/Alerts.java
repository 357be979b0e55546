package io.castline.app.notify;

import io.castline.app.engine.EngineFrame;
import io.castline.app.ui.Format;
import io.castline.engine.destination.Secrets;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.stats.StatsSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides which conditions deserve a notice, from the same records the panels show (an output's
 * state is its card's, the uplink verdict the badge's, the frame rate the stats bar's), so a
 * notice never says what the window contradicts. Each condition is told once per
 * {@link Episode episode}: when it has held for a while, not at a one-second blip, and not again
 * while it flaps; when the episode ends its notice is withdrawn. Conditions of the broadcast
 * (outputs, uplink, encoder) end with it at End Live; the sources' are told live or not. Pure
 * logic over the engine's records, so it is tested without a window.
 */
public final class Alerts {
    /** The encoder counts as overloaded when more than this share of a second's frames were late or skipped… */
    static final double OVERLOAD_SHARE = 0.05;
    /** …or when it encoded less than this share of the canvas rate. */
    static final double OVERLOAD_FPS_SHARE = 0.9;
    /** The first seconds on air include start-up (encoder warm-up, first connections): not a verdict on the machine. */
    static final double STARTUP_SECONDS = 3;

    // how long a condition must hold before it is told, and be clear before it can be told again (seconds)
    static final double ENCODER_HOLD = 3, ENCODER_CLEAR = 10;
    static final double UPLINK_HOLD = 5, UPLINK_CLEAR = 30;
    static final double RECONNECT_HOLD = 2, RECONNECT_CLEAR = 15;
    static final double SOURCE_HOLD = 2, SOURCE_CLEAR = 5;


    /** What one look at the records changed: notices to show, keys of notices whose episode ended. */
    public record Update(List<Notice> raised, List<String> ended) {
        public Update {
            raised = List.copyOf(raised);
            ended = List.copyOf(ended);
        }
    }

    private final Map<String, Episode> broadcast = new HashMap<>();
    private final Map<String, Episode> sources = new HashMap<>();
    private StatsSnapshot lastSnapshot;
    private long lastLateOrSkipped = -1;

    /** Go Live: the broadcast's conditions start from scratch; a source still dead is told again. */
    public void reset() {
        broadcast.clear();
        sources.values().forEach(Episode::end);
        lastSnapshot = null;
        lastLateOrSkipped = -1;
    }

    /** End Live: every condition of the broadcast ends; the keys of those that were being told. */
    public List<String> offAir() {
        List<String> ended = new ArrayList<>();
        broadcast.forEach((key, episode) -> {
            if (episode.end()) ended.add(key);
        });
        broadcast.clear();
        lastSnapshot = null;
        lastLateOrSkipped = -1;
        return ended;
    }

    /**
     * A live frame at {@code now} (monotonic seconds).
     *
     * @param judgeUplink whether the uplink panel shows the engine's verdict now (not in a local
     *                    test, where nothing leaves the computer): the notices follow the panel
     */
    public Update check(EngineFrame.Live live, double now, boolean judgeUplink) {
        Changes out = new Changes();
        if (live == null) return out.update();
        boolean streaming = live.outputs().stream().anyMatch(OutputStatus::network);
        for (OutputStatus o : live.outputs()) outputs(o, streaming, now, out);
        observe(broadcast, "pipeline", 0, Double.POSITIVE_INFINITY, live.pipelineFailure() != null, now, out,
                () -> Notice.error("pipeline", "The encoder stopped", live.pipelineFailure()
                        + ". What to do: End Live and go live again; if it happens again, choose x264 or a smaller canvas in Settings."));
        observe(broadcast, "all-failed", 0, 0, live.allOutputsFailed(), now, out, () -> Notice.error("all-failed",
                "Nothing is going out",
                "Every output has failed, so viewers see nothing. What to do: check the destinations in Settings, "
                        + "then press Retry now on a card, or End Live."));
        StatsSnapshot s = live.stats();
        if (s != null && s != lastSnapshot) {
            lastSnapshot = s;
            // a path that is down or reconnecting says nothing about the uplink (its queue grows because
            // nothing is sent, which the engine's monitor can read as congestion); its card already tells
            boolean allNetworkLive = live.outputs().stream().filter(OutputStatus::network)
                    .allMatch(o -> o.state() == OutputState.LIVE);
            if (judgeUplink && allNetworkLive) uplink(s, now, out);
            encoder(s, live.onAirSeconds(), now, out);
        }
        return out.update();
    }

    private void outputs(OutputStatus o, boolean streaming, double now, Changes out) {
        // as its card titles it: "shop" → "Shop"
        String title = o.name().isEmpty() ? o.name() : Character.toUpperCase(o.name().charAt(0)) + o.name().substring(1);
        String reason = capitalised(o.reason() == null || o.reason().isBlank() ? "no reason given" : Format.reason(o.reason()));
        String failed = "failed:" + o.name();
        observe(broadcast, failed, 0, 0, o.state() == OutputState.FAILED, now, out, () -> Notice.error(failed,
                title + " failed", reason
                + ". What to do: " + failedAdvice(o)));
        String reconnecting = "reconnecting:" + o.name();
        if (!o.network()) { // a file has no connection: a write error, told at once (it is no blip)
            observe(broadcast, reconnecting, 0, RECONNECT_CLEAR, o.state() == OutputState.RECONNECTING, now, out,
                    () -> recordingPaused(o, streaming));
            return;
        }
        observe(broadcast, reconnecting, RECONNECT_HOLD, RECONNECT_CLEAR, o.state() == OutputState.RECONNECTING, now, out,
                () -> Notice.warning(reconnecting, title + " lost its connection", reason
                        + ". Castline reconnects by itself and the other outputs carry on; "
                        + "if it does not come back, check that ingest server and your network."));
    }

    /**
     * A recording that could not write: what happened, what is kept, that it goes on by itself in
     * the next file, and what to do. {@code streaming}: there are network outputs, which a full
     * disk does not touch.
     */
    static Notice recordingPaused(OutputStatus o, boolean streaming) {
        String key = "reconnecting:" + o.name();
        RecordingStatus rec = o.recording();
        String unaffected = streaming ? "; the stream is not affected" : "";
        if (rec == null) { // an engine without file records: its reason still says it in words
            return Notice.warning(key, "Recording paused", capitalised(Format.reason(o.reason()))
                    + ". The recording goes on in a new file by itself" + unaffected + ".");
        }
        String problem = rec.problem() == null ? "" : ": " + Format.reason(rec.problem());
        Path dir = rec.requested().getParent();
        String kept = rec.finished().isEmpty() ? "Nothing was recorded yet"
                : "Kept " + Format.files(rec.finished()) + " in " + dir;
        String next = rec.next() == null ? "a new file" : String.valueOf(rec.next().getFileName());
        if (rec.diskFull()) {
            return Notice.warning(key, "Recording paused: the disk is full", "The disk is full" + problem + ". " + kept
                    + ". What to do: free some space on that disk (delete or move files): the recording goes on in "
                    + next + " by itself" + unaffected + ".");
        }
        return Notice.warning(key, "Recording paused: a write error", "The recording could not be written" + problem + ". "
                + kept + ". The recording goes on in " + next + " by itself" + unaffected
                + ". What to do: if it happens again, check the disk, or choose another folder in Settings for the next Go Live.");
    }

    /**
     * After End Live: the files the recording wrote ({@code status} is its STOPPED status), or
     * null when it wrote none. Told off air (it is the end of the broadcast, not a condition of it).
     */
    public static Notice recordingSaved(OutputStatus status) {
        RecordingStatus rec = status == null ? null : status.recording();
        if (rec == null || rec.finished().isEmpty()) return null;
        int n = rec.finished().size();
        String files = Format.files(rec.finished());
        return Notice.info("recording-saved", n == 1 ? "Recording saved" : "Recording saved in " + n + " files",
                (n == 1 ? files : files + " (a write error split it; play them one after the other)") + ", in "
                        + rec.requested().getParent() + ".");
    }

    /** What a host can do about a failed output; a refused certificate is not fixed by checking the key. */
    private static String failedAdvice(OutputStatus o) {
        if (!o.network()) return "check that the recording folder exists, is writable and has space, then press Retry now on the card.";
        if (o.reason() != null && o.reason().startsWith("certificate ")) {
            return "this may not be your platform's server (someone in between?). Check the server URL; if the server "
                    + "really uses its own certificate, set its CA file in Settings, then press Retry now on the card.";
        }
        return "check the server URL and stream key in Settings and that the platform expects you live, then press Retry now on the card.";
    }

    private void uplink(StatsSnapshot s, double now, Changes out) {
        StatsSnapshot.Uplink u = s.uplink();
        if (u == null) return;
        observe(broadcast, "uplink:insufficient", UPLINK_HOLD, UPLINK_CLEAR, "insufficient".equals(u.verdict()), now, out,
                () -> Notice.warning("uplink:insufficient", "Not enough upload",
                        Secrets.mask(u.reason()) + ". What to do: " + fittingBitrateAdvice(s) + "."));
        observe(broadcast, "uplink:warn", UPLINK_HOLD, UPLINK_CLEAR, "warn".equals(u.verdict()), now, out,
                () -> Notice.warning("uplink:warn", "Upload is tight",
                        Secrets.mask(u.reason()) + ". What to do: pause other uploads on this network (cloud sync, video calls) "
                                + "or lower the bitrate in Settings."));
    }

    /** The bitrate that would pass the 30% rule on this capacity, scaled from the one in use. */
    static String fittingBitrateAdvice(StatsSnapshot s) {
        StatsSnapshot.Uplink u = s.uplink();
        if (u.capacityKbps() == null || u.requiredKbps() <= 0) return "lower the bitrate or stream without the backup";
        double factor = u.capacityKbps() / (1.3 * u.requiredKbps());
        long fit = (long) Math.floor(s.encoder().targetBitrateKbps() * factor / 100) * 100;
        if (fit < 300) return "this connection cannot carry the stream: use another network or stream without the backup";
        return String.format(Locale.ROOT, "lower the bitrate to about %d kbps (now %d), or stream without the backup", fit,
                s.encoder().targetBitrateKbps());
    }

    private void encoder(StatsSnapshot s, double onAirSeconds, double now, Changes out) {
        long lateOrSkipped = s.frames().lagged() + s.frames().skipped();
        long late = lastLateOrSkipped < 0 ? 0 : lateOrSkipped - lastLateOrSkipped;
        lastLateOrSkipped = lateOrSkipped;
        int fps = s.encoder().fps();
        boolean tooManyLate = late > fps * OVERLOAD_SHARE;
        boolean tooSlow = s.fps() < fps * OVERLOAD_FPS_SHARE;
        boolean overloaded = onAirSeconds >= STARTUP_SECONDS && (tooManyLate || tooSlow);
        observe(broadcast, "encoder", ENCODER_HOLD, ENCODER_CLEAR, overloaded, now, out,
                () -> Notice.warning("encoder", "Encoder overloaded", overloadText(s, tooSlow, tooManyLate ? late : 0)));
    }

    /** Only the facts that hold ("encoding 22 of 30 fps", "9 frames late or skipped"), and a preset that is faster. */
    static String overloadText(StatsSnapshot s, boolean tooSlow, long late) {
        List<String> facts = new ArrayList<>();
        if (tooSlow) facts.add(String.format(Locale.ROOT, "Encoding %.0f of %d fps", s.fps(), s.encoder().fps()));
        if (late > 0) facts.add((facts.isEmpty() ? "" : "with ") + late + " frame" + (late == 1 ? "" : "s")
                + " late or skipped in the last second");
        String what = String.join(" ", facts);
        return Character.toUpperCase(what.charAt(0)) + what.substring(1) + ", so viewers see stutter. What to do: "
                + fasterAdvice(s.encoder()) + ".";
    }

    /** Names presets that are really faster than the one in use, or other remedies when it is the fastest. */
    static String fasterAdvice(StatsSnapshot.Encoder e) {
        List<String> presets = VideoCodec.byName(e.codec()).map(VideoCodec::presets).orElse(List.of());
        int at = presets.indexOf(e.preset());
        if (at == 0) {
            return "'" + e.preset() + "' is already the fastest preset: choose a smaller canvas or a lower frame rate "
                    + "in Settings, or close other programs";
        }
        if (at > 0) {
            List<String> faster = new ArrayList<>(presets.subList(Math.max(0, at - 2), at));
            java.util.Collections.reverse(faster);
            return "choose a faster preset than '" + e.preset() + "' (" + String.join(" or ", faster)
                    + "), or a smaller canvas or lower fps in Settings";
        }
        return "choose a faster preset, or a smaller canvas or lower fps in Settings";
    }

    /**
     * The program's sources, on air or off (the host should hear of a dead camera before going
     * live, and again at Go Live).
     */
    public Update checkSources(EngineFrame.ProgramStats program, double now) {
        Changes out = new Changes();
        String video = program == null ? null : program.videoProblem();
        String audio = program == null ? null : program.audioProblem();
        observe(sources, "source:video", SOURCE_HOLD, SOURCE_CLEAR, video != null, now, out,
                () -> Notice.warning("source:video", "No picture from the video source",
                        plainProblem(video) + ". The program shows the NO SIGNAL picture meanwhile and Castline keeps trying "
                                + "to reopen the source. What to do: check the camera's cable and that no other app uses it, "
                                + "or choose another video source in Settings."));
        observe(sources, "source:audio", SOURCE_HOLD, SOURCE_CLEAR, audio != null, now, out,
                () -> Notice.warning("source:audio", "No sound from the audio source",
                        plainProblem(audio) + ". The stream carries silence meanwhile (the mixer says so on the channel) and "
                                + "Castline keeps trying to reopen the source. What to do: check the microphone's cable and "
                                + "that no other app uses it, or choose another audio source in Settings."));
        return out.update();
    }

    /**
     * The engine's "no signal: cannot open default: …" under a title that already says there is
     * no signal: "Cannot open default: …"; its "starting" (a device whose open call has not
     * returned) as what it means.
     */
    static String plainProblem(String problem) {
        String p = Secrets.mask(problem).trim();
        if (p.equals("starting")) return "Nothing has come from it since it was opened";
        if (p.startsWith("no signal:")) p = p.substring("no signal:".length()).trim();
        return p.isEmpty() ? "It gives nothing" : capitalised(p);
    }

    /** A reason that opens a notice's text: "cannot connect: …" → "Cannot connect: …". */
    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void observe(Map<String, Episode> episodes, String key, double hold, double clear, boolean condition,
                                double now, Changes out, Supplier<Notice> notice) {
        Episode e = episodes.computeIfAbsent(key, k -> new Episode(hold, clear));
        switch (e.observe(condition, now)) {
            case STARTED -> out.raised.add(notice.get());
            case ENDED -> out.ended.add(key);
            case NONE -> { }
        }
    }

    private static final class Changes {
        final List<Notice> raised = new ArrayList<>();
        final List<String> ended = new ArrayList<>();

        Update update() { return new Update(raised, ended); }
    }
}
