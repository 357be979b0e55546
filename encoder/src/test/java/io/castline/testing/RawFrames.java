package io.castline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decoded pictures of a recording, as RGB bytes, read with the bundled ffmpeg. */
public final class RawFrames {
    private RawFrames() {}

    /** One RGB picture. */
    public record Picture(int width, int height, byte[] rgb) {
        /** The colour at (x, y) as 0xRRGGBB. */
        public int rgbAt(int x, int y) {
            int i = (y * width + x) * 3;
            return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
        }

        /** The mean colour of the square of side 2r+1 around (x, y), as {r, g, b}. */
        public double[] meanAround(int x, int y, int r) {
            double[] sum = new double[3];
            int n = 0;
            for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
                for (int xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
                    int i = (yy * width + xx) * 3;
                    for (int c = 0; c < 3; c++) sum[c] += rgb[i + c] & 0xff;
                    n++;
                }
            }
            for (int c = 0; c < 3; c++) sum[c] /= n;
            return sum;
        }
    }

    /** The frame at {@code seconds} into the file (its first at or after that time), at its own size. */
    public static Picture at(Path file, double seconds, int width, int height) throws IOException {
        List<Picture> one = decode(file, List.of("-ss", Double.toString(seconds)), List.of("-frames:v", "1"), width, height);
        if (one.isEmpty()) throw new IOException("no frame at " + seconds + " s in " + file);
        return one.get(0);
    }

    /** Every frame of the file, scaled to {@code width}x{@code height} (small, for colour curves). */
    public static List<Picture> all(Path file, int width, int height) throws IOException {
        return decode(file, List.of(), List.of("-vf", "scale=" + width + ":" + height + ":flags=area", "-fps_mode", "passthrough"),
                width, height);
    }

    /**
     * The luma plane of every frame of the file, as decoded (YUV 4:2:0 at its own size, no scaling
     * or conversion: the bytes the encoder's decoder gives), in decoding output order; the frames'
     * times are {@link Ffprobe#decode}'s video times, in the same order.
     */
    public static List<byte[]> lumaPlanes(Path file, int width, int height) throws IOException {
        List<byte[]> out = new ArrayList<>();
        int luma = width * height;
        for (Picture p : decode(file, List.of(), List.of("-fps_mode", "passthrough"), "yuv420p", width, height, luma * 3 / 2)) {
            out.add(java.util.Arrays.copyOf(p.rgb(), luma));
        }
        return out;
    }

    private static List<Picture> decode(Path file, List<String> inputOptions, List<String> outputOptions, int width, int height)
            throws IOException {
        return decode(file, inputOptions, outputOptions, "rgb24", width, height, width * height * 3);
    }

    private static List<Picture> decode(Path file, List<String> inputOptions, List<String> outputOptions, String pixelFormat,
                                        int width, int height, int size) throws IOException {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        args.addAll(inputOptions);
        args.addAll(List.of("-i", file.toString()));
        args.addAll(outputOptions);
        args.addAll(List.of("-an", "-f", "rawvideo", "-pix_fmt", pixelFormat, "-"));
        Process p = BundledTools.command(BundledTools.ffmpeg(), args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg did not finish decoding " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        List<Picture> frames = new ArrayList<>();
        for (int at = 0; at + size <= out.length; at += size) {
            byte[] rgb = new byte[size];
            System.arraycopy(out, at, rgb, 0, size);
            frames.add(new Picture(width, height, rgb));
        }
        return frames;
    }
}
