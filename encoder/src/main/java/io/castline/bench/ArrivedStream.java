package io.castline.bench;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.ffmpeg.BundledTools;
import io.castline.engine.settings.EncoderSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What arrived at one receiver, read back from the files it wrote (an ingest's recording of a key,
 * or Castline's own recording) with the bundled {@code ffprobe}: the video frames and audio
 * packets that are really there, and whether the two streams stay together.
 *
 * <p><b>A/V drift</b> at a point of the stream = the highest video timestamp that has arrived by
 * then minus the highest audio timestamp, in milliseconds (positive: video ahead). Packets are
 * read in the order they arrived (file order), so this is what a player that stopped reading at
 * that point would hold. It is taken every {@code checkpointSeconds} of video time
 * ({@link #driftMs()}): both streams' timestamps come from one media clock and the muxer
 * interleaves them, so it stays within a packet or two of where it started; a change over the
 * run means one stream slid against the other on the way. {@link #endDriftMs()} is the same
 * after the last packet: it also holds how the stream ended (the audio goes on while the video
 * encoder flushes at the stop), so it is reported apart, as is {@link #startDriftMs()}, the first
 * video timestamp minus the first audio timestamp: how the stream began. Timestamps are decode timestamps (pts
 * where a container gives none): a B-frame's reference arrives before the frames shown ahead of
 * it, and after skipped frames its presentation time can run seconds ahead of what can be shown.
 * With several files (the output reconnected; each publish its own file, on its own timeline)
 * each file is measured on its own and the checkpoints follow on.
 *
 * <p>The muxers interleave by timestamp, so a stream whose timestamps run at the wrong rate still
 * arrives interleaved; that shows in {@code audioGapMs} (audio) and in lost frames (video).
 *
 * @param audioGapMs audio time the timeline spans but no packet holds (span minus packets × 1024
 *                   samples at 48 kHz, Castline's AAC frame), summed over the files; 0 for a
 *                   stream without holes, to the containers' rounding to whole milliseconds
 */
record ArrivedStream(List<Path> files, long bytes, long videoFrames, long audioPackets, Double startDriftMs,
                     List<Double> driftMs, Double endDriftMs, Double audioGapMs) {
    /** Seconds of audio in one AAC packet of Castline's stream. */
    private static final double AAC_FRAME_SECONDS = AudioMixer.FRAME_SAMPLES / (double) EncoderSettings.AUDIO_SAMPLE_RATE;

    /** A receiver that wrote nothing. */
    static ArrivedStream nothing() {
        return new ArrivedStream(List.of(), 0, 0, 0, null, List.of(), null, null);
    }

    /** Drift at the first checkpoint, or null when the stream is shorter than one. */
    Double firstDriftMs() { return driftMs.isEmpty() ? null : driftMs.get(0); }

    /** Drift at the last checkpoint (before the stop), or null. */
    Double lastDriftMs() { return driftMs.isEmpty() ? null : driftMs.get(driftMs.size() - 1); }

    /** Last checkpoint minus the first: how far the streams moved apart over the run. */
    Double driftChangeMs() { return driftMs.size() < 2 ? null : lastDriftMs() - firstDriftMs(); }

    Double minDriftMs() { return driftMs.stream().min(Double::compare).orElse(null); }

    Double maxDriftMs() { return driftMs.stream().max(Double::compare).orElse(null); }

    static ArrivedStream read(List<Path> files, double checkpointSeconds) throws BenchException {
        Reader reader = new Reader(checkpointSeconds);
        for (Path file : files) {
            try {
                reader.nextFile(file, Files.size(file));
            } catch (IOException e) {
                throw new BenchException("cannot read " + file + ": " + e.getMessage(), e);
            }
            probe(file, reader);
        }
        return reader.result();
    }

    /** Seconds to milliseconds, to 0.1 ms (the containers keep whole milliseconds). */
    private static double ms(double seconds) {
        return Math.round(seconds * 1e4) / 10.0;
    }

    /** Runs ffprobe on one file and feeds every audio and video packet, in file order, to {@code reader}. */
    private static void probe(Path file, Reader reader) throws BenchException {
        Process p;
        Path errors;
        try {
            errors = Files.createTempFile("castline-ffprobe", ".log");
            p = BundledTools.command(BundledTools.ffprobe(), List.of("-v", "error", "-show_entries",
                            "packet=codec_type,pts_time,dts_time", "-of", "compact=p=0", file.toAbsolutePath().toString()))
                    .redirectError(errors.toFile())
                    .start();
        } catch (IOException e) {
            throw new BenchException("cannot run ffprobe: " + e.getMessage(), e);
        }
        try {
            readPackets(p, file, reader, errors);
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private static void readPackets(Process p, Path file, Reader reader, Path errors) throws BenchException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            // one line per packet: codec_type=video|pts_time=1.267000|dts_time=1.200000 (either may be N/A)
            while ((line = out.readLine()) != null) {
                String type = field(line, "codec_type=");
                String time = field(line, "dts_time=");
                if (time == null || time.equals("N/A")) time = field(line, "pts_time=");
                if (type == null || time == null || time.equals("N/A")) continue;
                if (type.equals("video")) reader.video(Double.parseDouble(time));
                else if (type.equals("audio")) reader.audio(Double.parseDouble(time));
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchException("ffprobe did not finish reading " + file);
            }
            if (p.exitValue() != 0) {
                throw new BenchException("ffprobe could not read " + file + ": " + Files.readString(errors).strip());
            }
        } catch (IOException | NumberFormatException e) {
            p.destroyForcibly();
            throw new BenchException("cannot read ffprobe's packets of " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while reading " + file, e);
        }
    }

    private static String field(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) return null;
        int from = at + key.length();
        int to = line.indexOf('|', from);
        return line.substring(from, to < 0 ? line.length() : to);
    }

    /**
     * Takes the packets of one file after the other, in file order, and adds up the figures (the
     * ffprobe run feeds it; tests feed it packets of their own making).
     */
    static final class Reader {
        private final double checkpointSeconds;
        private final List<Path> files = new ArrayList<>();
        private final List<Double> drift = new ArrayList<>();
        private long bytes;
        private long videoFrames;
        private long audioPackets;
        private Double startDrift;
        private Double endDrift;
        private Double gap;
        // the current file's timeline (NaN: nothing of that stream in it yet)
        private long fileAudioPackets;
        private double firstVideo = Double.NaN;
        private double maxVideo = Double.NaN;
        private double minAudio = Double.NaN;
        private double maxAudio = Double.NaN;
        private int nextCheckpoint = 1;

        Reader(double checkpointSeconds) {
            this.checkpointSeconds = checkpointSeconds;
        }

        /** The next file begins: a timeline of its own (nginx-rtmp starts each recording at 0). */
        void nextFile(Path file, long size) {
            endFile();
            files.add(file);
            bytes += size;
            fileAudioPackets = 0;
            firstVideo = Double.NaN;
            maxVideo = Double.NaN;
            minAudio = Double.NaN;
            maxAudio = Double.NaN;
            nextCheckpoint = 1;
        }

        /** Highest timestamps so far, not the last ones. */
        void video(double t) {
            videoFrames++;
            if (Double.isNaN(firstVideo)) firstVideo = t;
            maxVideo = Double.isNaN(maxVideo) ? t : Math.max(maxVideo, t);
            // checkpoint k once the video has got k intervals past its first frame (once, even
            // where a hole in the stream jumps over several)
            double reached = maxVideo - firstVideo + 1e-6;
            if (!Double.isNaN(maxAudio) && reached >= nextCheckpoint * checkpointSeconds) {
                drift.add(ms(maxVideo - maxAudio));
                nextCheckpoint = (int) Math.floor(reached / checkpointSeconds) + 1;
            }
        }

        void audio(double t) {
            audioPackets++;
            fileAudioPackets++;
            minAudio = Double.isNaN(minAudio) ? t : Math.min(minAudio, t);
            maxAudio = Double.isNaN(maxAudio) ? t : Math.max(maxAudio, t);
        }

        private void endFile() {
            if (Double.isNaN(maxVideo) || Double.isNaN(maxAudio)) return;
            if (startDrift == null) startDrift = ms(firstVideo - minAudio);
            endDrift = ms(maxVideo - maxAudio);
            gap = (gap == null ? 0 : gap) + ms(maxAudio - minAudio - (fileAudioPackets - 1) * AAC_FRAME_SECONDS);
            maxVideo = Double.NaN; // counted once
        }

        ArrivedStream result() {
            endFile();
            return new ArrivedStream(List.copyOf(files), bytes, videoFrames, audioPackets, startDrift, List.copyOf(drift),
                    endDrift, gap);
        }
    }
}
