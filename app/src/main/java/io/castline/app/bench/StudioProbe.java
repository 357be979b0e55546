package io.castline.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.app.RenderingSetup;
import io.castline.app.Studio;
import io.castline.app.engine.ProcessLoad;
import io.castline.bench.ThreadCpu;
import io.castline.engine.video.PreviewScaler;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One studio process of {@link StudioBench}: the real studio (same {@link Studio#create}, same
 * profile loading, same engine), plus a thread that notes when each start-up step finished and,
 * when asked, alternates the preview on and off and measures what the process spends in each
 * phase. Prints one line, {@value #RESULT_PREFIX} and a JSON {@link StudioBench.ProbeResult}, and
 * exits.
 */
public final class StudioProbe {
    static final String RESULT_PREFIX = "CASTLINE_STUDIO_PROBE ";
    /** Thread groups of the studio process, by the name the kernel keeps (15 characters). */
    static final String[] GROUPS = {"fx_render", "fx_ui", "compositor", "source", "audio", "jvm", "other", "unattributed"};
    private static final long FIRST_PICTURE_TIMEOUT_SECONDS = 90;

    private StudioProbe() {}

    /** Arguments: phases, seconds per phase, warm-up seconds, seconds live (0: none), preview on while live. */
    public static void main(String[] args) {
        RenderingSetup.apply(); // as the studio's launcher does
        Application.launch(App.class, args);
    }

    static String group(String comm) {
        if (comm.startsWith("QuantumRenderer")) return "fx_render";
        if (comm.startsWith("JavaFX Applicat")) return "fx_ui";
        if (comm.startsWith("castline-compos")) return "compositor";
        if (comm.startsWith("castline-source")) return "source";
        if (comm.startsWith("castline-audio")) return "audio";
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                || comm.contains("CompilerThre")) return "jvm";
        return "other";
    }

    /** The studio, timed. Public for the JavaFX launcher. */
    public static final class App extends Application {
        private final CountDownLatch firstPicture = new CountDownLatch(1);
        private volatile long fxStartMs;
        private volatile long windowShownMs;
        private volatile long firstPictureMs;
        private Studio studio;

        @Override public void start(Stage stage) {
            fxStartMs = System.currentTimeMillis();
            studio = Studio.create(stage);
            studio.preview().onFirstPicture(nanos -> {
                firstPictureMs = System.currentTimeMillis();
                firstPicture.countDown();
            });
            stage.show();
            windowShownMs = System.currentTimeMillis();
            List<String> args = getParameters().getRaw();
            int phases = Integer.parseInt(args.get(0));
            double seconds = Double.parseDouble(args.get(1));
            double warmup = Double.parseDouble(args.get(2));
            double live = Double.parseDouble(args.get(3));
            boolean livePreview = Boolean.parseBoolean(args.get(4));
            Thread t = new Thread(() -> measureAndExit(phases, seconds, warmup, live, livePreview), "castline-studio-probe");
            t.setDaemon(true);
            t.start();
        }

        private void measureAndExit(int phases, double seconds, double warmup, double liveSeconds, boolean livePreview) {
            StudioBench.ProbeResult result;
            try {
                if (!firstPicture.await(FIRST_PICTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no preview picture within " + FIRST_PICTURE_TIMEOUT_SECONDS + " s");
                }
                List<StudioBench.Phase> measured = new ArrayList<>();
                String size = previewSize();
                if (phases > 0) {
                    sleep(warmup);
                    size = previewSize();
                    for (int i = 0; i < phases; i++) measured.add(phase(i % 2 == 0, seconds));
                }
                LiveMemory.Result live = liveSeconds > 0 ? live(liveSeconds, livePreview) : null;
                result = new StudioBench.ProbeResult(ManagementFactory.getRuntimeMXBean().getStartTime(), fxStartMs,
                        windowShownMs, firstPictureMs, pipeline(), size, measured,
                        new ProcessLoad().sample().rssBytes(), live, null);
            } catch (Exception e) {
                result = new StudioBench.ProbeResult(ManagementFactory.getRuntimeMXBean().getStartTime(), fxStartMs,
                        windowShownMs, firstPictureMs, pipeline(), previewSize(), List.of(), 0, null, e.toString());
            }
            try {
                System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
                System.out.flush();
                onFx(() -> studio.viewModel().shutdown()).get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("studio probe: " + e);
            }
            Runtime.getRuntime().halt(result.error() == null ? 0 : 1);
        }

        /**
         * Goes live as the host's click on Go Live would (the default profile: a local test, whose
         * receivers are processes of their own), samples memory every second on air, then ends.
         */
        private LiveMemory.Result live(double seconds, boolean previewOn) throws Exception {
            CompletableFuture<Void> onAir = new CompletableFuture<>();
            onFx(() -> {
                studio.viewModel().preview().enabledProperty().set(previewOn);
                studio.viewModel().liveStateProperty().addListener((o, was, now) -> {
                    if (now == io.castline.app.studio.LiveState.LIVE) onAir.complete(null);
                    if (now == io.castline.app.studio.LiveState.OFF_AIR) {
                        onAir.completeExceptionally(new IllegalStateException("the studio did not go live: "
                                + studio.viewModel().statusTextProperty().get()));
                    }
                });
                return null;
            }).get(10, TimeUnit.SECONDS);
            sleep(1.0);
            LiveMemory memory = new LiveMemory(LiveMemory.rssMbNow());
            onFx(() -> {
                studio.viewModel().goLive();
                return null;
            }).get(10, TimeUnit.SECONDS);
            onAir.get(30, TimeUnit.SECONDS);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                sleep(1.0);
                memory.sample();
            }
            LiveMemory.Result result = memory.result(previewOn);
            onFx(() -> studio.viewModel().endLive()).get(10, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            return result;
        }

        /** Sets the preview switch as the host's click would, lets it settle, then measures. */
        private StudioBench.Phase phase(boolean previewOn, double seconds) throws Exception {
            onFx(() -> {
                studio.viewModel().preview().enabledProperty().set(previewOn);
                return null;
            }).get(10, TimeUnit.SECONDS);
            sleep(1.0);
            // the engine makes a new scaler each time the preview comes back on (off, it has none)
            PreviewScaler scaler = studio.engine().preview();
            var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
            long cpu0 = os.getProcessCpuTime();
            ThreadCpu threads0 = ThreadCpu.snapshot();
            long drawn0 = onFx(() -> studio.preview().drawnFrames()).get(10, TimeUnit.SECONDS);
            int scaled0 = scaler == null ? 0 : scaler.frames();
            long scaleNanos0 = scaler == null ? 0 : scaler.scaleNanos();
            long wall0 = System.nanoTime();
            sleep(seconds);
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            Map<String, Long> threads = ThreadCpu.snapshot().since(threads0, cpu, GROUPS, StudioProbe::group);
            long drawn = onFx(() -> studio.preview().drawnFrames()).get(10, TimeUnit.SECONDS) - drawn0;
            int scaled = scaler == null ? 0 : scaler.frames() - scaled0;
            long scaleNanos = scaler == null ? 0 : scaler.scaleNanos() - scaleNanos0;
            Map<String, Double> threadPct = new LinkedHashMap<>();
            threads.forEach((g, nanos) -> threadPct.put(g, 100.0 * nanos / wall));
            double secs = wall / 1e9;
            return new StudioBench.Phase(previewOn, secs, 100.0 * cpu / wall, threadPct, drawn / secs, scaled / secs,
                    scaled == 0 ? 0 : scaleNanos / 1e6 / scaled);
        }

        private String previewSize() {
            PreviewScaler s = studio == null ? null : studio.engine().preview();
            return s == null ? null : s.width() + "x" + s.height();
        }
    }

    /** Which Prism pipeline draws the window: "sw" (software), "es2" (OpenGL), "d3d" (Direct3D). */
    static String pipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            String name = p == null ? "unknown" : p.getClass().getSimpleName();
            return name.replace("Pipeline", "").toLowerCase(java.util.Locale.ROOT);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    private static <T> CompletableFuture<T> onFx(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
