package io.castline.app.engine;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.uplink.BandwidthResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The studio's one broadcast on the running program: Go Live's destinations and Record's
 * recording share it (one encoder, the same packets), and a local test's receivers go with it.
 * {@link CastlineEngine} runs every change on its control thread, the only one that writes these
 * fields; the volatile ones are read elsewhere ({@link #retryNow}, {@link #localTestReport}).
 */
final class StudioBroadcast {
    // under the engine's name, as before this part was split out of it
    private static final Logger LOG = LoggerFactory.getLogger(CastlineEngine.class);

    private final EngineMonitor monitor;
    /** The program to broadcast, or an IllegalStateException saying why none runs. Control thread. */
    private final Supplier<Program> runningProgram;
    /** Running while live or recording. */
    private volatile Broadcast broadcast;
    /** Go Live's destinations are in {@link #broadcast}. */
    private volatile boolean streaming;
    /** The recording was started by Record (not by Go Live) and stays after End Live. */
    private volatile boolean recordingOnItsOwn;
    /** The local test receivers of the last local-test broadcast (kept until the next one or close), and what they got. */
    private volatile LocalTestIngest localTest;
    private volatile List<ReceivedStream> localTestReport;

    StudioBroadcast(EngineMonitor monitor, Supplier<Program> runningProgram) {
        this.monitor = monitor;
        this.runningProgram = runningProgram;
    }

    /** The running broadcast's latest figures; null off air (the last show's are not served after it). */
    io.castline.engine.stats.StatsSnapshot latestStats() {
        Broadcast b = broadcast;
        return b == null ? null : b.lastSnapshot();
    }

    /** A broadcast runs (live, recording or both): the program cannot be started anew. */
    boolean running() { return broadcast != null; }

    /** Control thread: Go Live; a recording running on its own takes the destinations in. */
    void goLive(LivePlan plan, BandwidthResult testedCapacity) {
        if (streaming) throw new IllegalStateException("already live");
        Broadcast running = broadcast;
        if (running != null) {
            joinRecording(running, plan, testedCapacity);
        } else {
            broadcast = startBroadcast(plan, testedCapacity);
        }
        streaming = true;
        monitor.markOnAir();
    }

    /** Control thread: a broadcast of the plan on the running program, shown by the monitor. */
    private Broadcast startBroadcast(LivePlan plan, BandwidthResult testedCapacity) {
        createRecordingFolder(plan);
        Broadcast b;
        try {
            Broadcast.Config c = withLocalTest(plan);
            b = Broadcast.start(c, null, runningProgram.get());
        } catch (Exception e) {
            closeLocalTest();
            throw new CompletionException(e);
        }
        if (testedCapacity != null) b.uplinkMonitor().setTestedCapacity(testedCapacity);
        monitor.attach(b);
        return b;
    }

    /**
     * Control thread: Go Live while recording on its own: the plan's destinations join the
     * broadcast the recording runs in (same encoder, same packets); the recording goes on.
     */
    private void joinRecording(Broadcast b, LivePlan plan, BandwidthResult testedCapacity) {
        if (!b.config().settings().equals(plan.config().settings())) {
            throw new CompletionException(new IllegalStateException("the recording runs with the encoder and canvas it "
                    + "started with, and the settings have changed since: stop the recording (or undo the change) to go live"));
        }
        Broadcast.Config c;
        try {
            c = withLocalTest(plan);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        List<String> added = new java.util.ArrayList<>();
        try {
            for (OutputTarget t : c.targets()) {
                if (!t.network()) continue; // the recording runs already
                b.addOutput(t, null);
                added.add(t.name());
            }
        } catch (RuntimeException e) {
            added.forEach(b::removeOutput);
            closeLocalTest();
            throw new CompletionException(e);
        }
        if (testedCapacity != null) b.uplinkMonitor().setTestedCapacity(testedCapacity);
    }

    private static void createRecordingFolder(LivePlan plan) {
        if (plan.recordingFile() == null) return;
        try {
            Files.createDirectories(plan.recordingFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording folder " + plan.recordingFile().getParent(), e);
        }
    }

    /** Control thread: End Live; a recording started on its own goes on. */
    void endLive() {
        Broadcast b = broadcast;
        streaming = false;
        if (b == null) return;
        if (recordingOnItsOwn) {
            // End Live ends the stream; the recording started on its own goes on
            for (Output o : b.outputs()) {
                if (!o.name().equals(LivePlan.RECORDING)) monitor.retired(b.removeOutput(o.name()));
            }
        } else {
            b.stop(); // the program goes on: the preview stays
            monitor.detach();
            broadcast = null;
        }
        LocalTestIngest lt = localTest;
        if (lt != null) localTestReport = lt.finish(java.time.Duration.ofSeconds(10));
    }

    /** Control thread: Record, live (the file joins the broadcast) or not (a broadcast of the recording alone). */
    void startRecording(LivePlan plan) {
        Broadcast b = broadcast;
        if (b != null && b.outputs().stream().anyMatch(o -> o.name().equals(LivePlan.RECORDING))) {
            recordingOnItsOwn = true; // recording with Go Live already: it now stays after End Live
            return;
        }
        createRecordingFolder(plan);
        OutputTarget target = plan.config().targets().get(0);
        if (b != null) {
            if (!b.config().settings().equals(plan.config().settings())) {
                LOG.info("recording with the live encoder settings (the settings changed since Go Live)");
            }
            b.addOutput(target, null);
        } else {
            broadcast = startBroadcast(plan, null);
        }
        recordingOnItsOwn = true;
    }

    /** Control thread: Stop recording; a stream goes on. */
    void stopRecording() {
        Broadcast b = broadcast;
        recordingOnItsOwn = false;
        if (b == null) return;
        if (streaming) {
            monitor.retired(b.removeOutput(LivePlan.RECORDING));
        } else {
            b.stop();
            monitor.detach();
            broadcast = null;
        }
    }

    /** Control thread: the studio is closing: whatever runs ends now. */
    void endForClose() {
        Broadcast b = broadcast;
        if (b == null) return;
        LOG.info("studio closing while live or recording: ending the broadcast");
        b.stop();
        broadcast = null;
        streaming = false;
        recordingOnItsOwn = false;
    }

    /** Any thread: an output's "Retry now". */
    void retryNow(String output) {
        Broadcast b = broadcast;
        if (b != null) b.outputs().stream().filter(o -> o.name().equals(output)).forEach(o -> o.retryNow());
    }

    /** What the last local test's receivers got, or null. */
    List<ReceivedStream> localTestReport() { return localTestReport; }

    /**
     * Control thread: the plan's config, or for a local test (no destination configured) the config
     * pointed at freshly started loopback receivers. The last test's receivers and files go first.
     */
    private Broadcast.Config withLocalTest(LivePlan plan) throws IOException {
        closeLocalTest();
        localTestReport = null;
        if (!plan.localTest()) return plan.config();
        LocalTestIngest ingest = LocalTestIngest.start(plan.localTestOutputs());
        localTest = ingest;
        return ingest.retarget(plan.config());
    }

    /** The local test's receivers stop; also from the closing thread if the control thread could not. */
    void closeLocalTest() {
        LocalTestIngest lt = localTest;
        localTest = null;
        if (lt != null) lt.close();
    }
}
