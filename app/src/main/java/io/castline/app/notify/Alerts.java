package io.castline.app.notify;

import io.castline.app.engine.EngineFrame;
import io.castline.app.ui.Format;
import io.castline.engine.destination.Secrets;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.stats.StatsSnapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which conditions of a live broadcast (and of the program's sources, live or not)
 * deserve a notice, each once per occurrence: a
 * condition is told when it starts and not again until it has cleared (an output is LIVE again,
 * the uplink verdict is no longer bad, the encoder has kept up for a while). Pure logic over the
 * engine's records, so it is tested without a window.
 */
public final class Alerts {
    /** The encoder counts as overloaded when more than this share of a second's frames were skipped or late. */
    static final double OVERLOAD_SHARE = 0.05;
    /** Seconds of keeping up before an overload can be told again. */
    static final int RECOVERY_SECONDS = 10;

    private static final Map<String, String> TITLES = Map.of("primary", "Primary", "backup", "Backup", "recording", "Recording");

    private final Set<String> raised = new HashSet<>();
    private double lastT = -1;
    private long lastLateOrSkipped = -1;
    private int healthySeconds;

    /** A new broadcast: every condition may be told again. */
    public void reset() {
        raised.clear();
        lastT = -1;
        lastLateOrSkipped = -1;
        healthySeconds = 0;
    }

    public List<Notice> check(EngineFrame.Live live) {
        List<Notice> out = new ArrayList<>();
        if (live == null) return out;
        for (OutputStatus o : live.outputs()) outputs(o, out);
        if (live.pipelineFailure() != null) {
            raise(out, Notice.error("pipeline", "The encoder stopped", live.pipelineFailure()
                    + ". What to do: End Live and go live again; if it happens again, choose x264 or a smaller canvas in Settings."));
        }
        when(live.allOutputsFailed(), "all-failed", out, () -> Notice.error("all-failed",
                "Nothing is going out",
                "Every output has failed, so viewers see nothing. What to do: check the destinations in Settings, "
                        + "then press Retry now on a card, or End Live."));
        StatsSnapshot s = live.stats();
        if (s != null && s.t() > lastT) {
            lastT = s.t();
            // a path that is down or reconnecting says nothing about the uplink (its queue grows because
            // nothing is sent, which the engine's monitor can read as congestion); its card already tells
            boolean allNetworkLive = live.outputs().stream().filter(OutputStatus::network)
                    .allMatch(o -> o.state() == OutputState.LIVE);
            if (allNetworkLive) uplink(s, out);
            encoder(s, out);
        }
        return out;
    }

    private void outputs(OutputStatus o, List<Notice> out) {
        String title = TITLES.getOrDefault(o.name(), o.name());
        String reason = o.reason() == null || o.reason().isBlank() ? "no reason given" : Format.reason(o.reason());
        when(o.state() == OutputState.FAILED, "failed:" + o.name(), out, () -> Notice.error("failed:" + o.name(),
                title + " failed", reason
                + ". What to do: " + (o.network()
                ? "check the server URL and stream key in Settings and that the platform expects you live, then press Retry now on the card."
                : "check that the recording folder exists, is writable and has space, then press Retry now on the card.")));
        when(o.state() == OutputState.RECONNECTING, "reconnecting:" + o.name(), out, () -> Notice.warning(
                "reconnecting:" + o.name(),
                title + " lost its connection", reason + ". Castline reconnects by itself and the other outputs carry on; "
                        + "if it does not come back, check that ingest server and your network."));
    }

    private void uplink(StatsSnapshot s, List<Notice> out) {
        StatsSnapshot.Uplink u = s.uplink();
        if (u == null) return;
        when("insufficient".equals(u.verdict()), "uplink:insufficient", out, () -> Notice.warning("uplink:insufficient",
                "Not enough upload",
                Secrets.mask(u.reason()) + ". What to do: " + fittingBitrateAdvice(s) + "."));
        when("warn".equals(u.verdict()), "uplink:warn", out, () -> Notice.warning("uplink:warn", "Upload is tight",
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

    private void encoder(StatsSnapshot s, List<Notice> out) {
        long lateOrSkipped = s.frames().lagged() + s.frames().skipped();
        long delta = lastLateOrSkipped < 0 ? 0 : lateOrSkipped - lastLateOrSkipped;
        lastLateOrSkipped = lateOrSkipped;
        int fps = s.encoder().fps();
        // the first seconds include start-up (first picture, encoder warm-up): not a verdict on the machine
        boolean overloaded = s.t() >= 3 && (delta > fps * OVERLOAD_SHARE || s.fps() < fps * 0.9);
        if (overloaded) {
            healthySeconds = 0;
            raise(out, Notice.warning("encoder", "Encoder overloaded", String.format(Locale.ROOT,
                    "%d frames late or skipped in the last second; encoding %.0f of %d fps, so viewers see stutter. "
                            + "What to do: choose a faster preset (now '%s'; try veryfast or superfast), or a smaller canvas or "
                            + "lower fps in Settings.", delta, s.fps(), fps, s.encoder().preset())));
        } else if (++healthySeconds >= RECOVERY_SECONDS) {
            raised.remove("encoder");
        }
    }

    /**
     * The program's sources, on air or off (the host should hear of a dead camera before going
     * live, and again at Go Live: {@link #reset} lets it be told once more).
     */
    public List<Notice> checkSources(EngineFrame.ProgramStats program) {
        List<Notice> out = new ArrayList<>();
        String video = program == null ? null : program.videoProblem();
        String audio = program == null ? null : program.audioProblem();
        when(video != null, "source:video", out, () -> Notice.warning("source:video", "No picture from the video source",
                Secrets.mask(video) + ". The program shows the NO SIGNAL picture meanwhile and Castline keeps trying to "
                        + "reopen the source. What to do: check the camera's cable and that no other app uses it, or "
                        + "choose another video source in Settings."));
        when(audio != null, "source:audio", out, () -> Notice.warning("source:audio", "No sound from the audio source",
                Secrets.mask(audio) + ". The stream carries silence meanwhile and Castline keeps trying to reopen the "
                        + "source. What to do: check the microphone's cable and that no other app uses it, or choose "
                        + "another audio source in Settings."));
        return out;
    }

    /** Raises the notice when the condition starts; clears its key when the condition has ended. */
    private void when(boolean condition, String key, List<Notice> out, java.util.function.Supplier<Notice> notice) {
        if (!condition) {
            raised.remove(key);
        } else if (!raised.contains(key)) {
            raise(out, notice.get());
        }
    }

    private void raise(List<Notice> out, Notice n) {
        if (raised.add(n.key())) out.add(n);
    }

}
