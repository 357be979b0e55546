package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the integration tests that run a real broadcast. */
final class LiveFixture {
    private LiveFixture() {}

    /** 720p30, 2500 kbps CBR, 2 s GOP, x264 veryfast: the reference stream of the issue. */
    static EncoderSettings reference720p() {
        return EncoderSettings.defaults();
    }

    /** A light stream for tests about outputs, not pictures: 640x360, {@code kbps} video, the reference otherwise. */
    static EncoderSettings small(int kbps) {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 640;
        b.height = 360;
        b.bitrateKbps = kbps;
        return b.build().validated();
    }

    static Broadcast.Config config(EncoderSettings s, String video, String videoFormat, String audio, OutputTarget... targets) {
        return new Broadcast.Config(s, SourceSpec.parseVideo(video, videoFormat), SourceSpec.parseAudio(audio, null),
                List.of(targets), Output.Config.standard());
    }

    /** Every state change, in order, as "name:STATE:reason". */
    static final class Transitions {
        final List<String> events = new CopyOnWriteArrayList<>();

        void record(String name, OutputState from, OutputState to, String reason) {
            events.add(name + ":" + to + ":" + reason);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(50);
        }
    }

    /**
     * Runs {@code castline ARGS} as a user would, in a JVM of its own on this test's class path.
     * With {@code stderr} null, both streams go to {@code stdout}.
     */
    static Process castline(List<String> args, java.nio.file.Path stdout, java.nio.file.Path stderr)
            throws java.io.IOException {
        return castline(List.of(), args, stdout, stderr);
    }

    /** Like {@link #castline(List, java.nio.file.Path, java.nio.file.Path)}, with JVM options ("-Dname=value"). */
    static Process castline(List<String> jvmOptions, List<String> args, java.nio.file.Path stdout, java.nio.file.Path stderr)
            throws java.io.IOException {
        return start(castlineCommand(jvmOptions, args), stdout, stderr);
    }

    /** The command line of {@code castline ARGS} in a JVM of its own on this test's class path. */
    static List<String> castlineCommand(List<String> args) {
        return castlineCommand(List.of(), args);
    }

    /** The same, with JVM options. */
    static List<String> castlineCommand(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.castline.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code cmd}; with {@code stderr} null, both streams go to {@code stdout}. */
    static Process start(List<String> cmd, java.nio.file.Path stdout, java.nio.file.Path stderr)
            throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile());
        if (stderr == null) pb.redirectErrorStream(true);
        else pb.redirectError(stderr.toFile());
        return pb.start();
    }

    static void sleepSeconds(double s) throws InterruptedException {
        Thread.sleep((long) (s * 1000));
    }
}
