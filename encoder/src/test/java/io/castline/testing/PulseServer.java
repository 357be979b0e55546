package io.castline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PulseAudio sound server with one null output whose monitor is a sound source ({@link #SOURCE}),
 * where libpulse (and so FFmpeg's pulse input) looks: the user's own server where one runs (a
 * desktop's PulseAudio or PipeWire: the output is loaded into it and taken out again), else one
 * of the tests' own on the default socket (apt package pulseaudio; CI). No sound card is needed.
 */
public final class PulseServer implements AutoCloseable {
    /** The sink's name; its monitor ({@code castline_test.monitor}) is what a microphone opens. */
    public static final String SINK = "castline_test";
    public static final String SOURCE = SINK + ".monitor";
    /** The sink's description: the source is "Monitor of " this. */
    public static final String DESCRIPTION = "Castline-test-output";
    private final Process process;
    /** The module loaded into a server that was running already (null: the server is ours). */
    private final String module;

    private PulseServer(Process process, String module) {
        this.process = process;
        this.module = module;
    }

    public static PulseServer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (pactl(dir, "info") != null) {
            String module = pactl(dir, "load-module", "module-null-sink", "sink_name=" + SINK,
                    "sink_properties=device.description=" + DESCRIPTION);
            if (module == null) throw new IOException("the running sound server refused a null sink: see " + dir);
            return new PulseServer(null, module.strip());
        }
        Process p = new ProcessBuilder(List.of("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                "--disallow-exit", "--disable-shm=yes",
                "--load=module-null-sink sink_name=" + SINK + " sink_properties=device.description=" + DESCRIPTION,
                "--load=module-native-protocol-unix"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("pulseaudio.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            Thread.sleep(100);
            if (!p.isAlive()) break;
            if (pactl(dir, "info") != null) return new PulseServer(p, null);
        }
        p.destroy();
        throw new IOException("pulseaudio did not start: " + Files.readString(dir.resolve("pulseaudio.log")));
    }

    /** pactl's output, or null when it failed (no server, no pactl). */
    private static String pactl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        Path out = dir.resolve("pactl.log");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        } catch (IOException noPactl) {
            return null;
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? Files.readString(out) : null;
    }

    @Override public void close() throws Exception {
        if (module != null) {
            pactl(Files.createTempDirectory("pactl"), "unload-module", module);
        } else {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
