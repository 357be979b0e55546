package io.castline.installers;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The installers' icons, made from the one source image ({@code src/main/resources/branding/castline-icon.png},
 * square, 1024 px): a PNG for Linux, an ICO for Windows and an ICNS for macOS, each with the sizes
 * its platform picks from. Both container formats hold PNG pictures (Windows since Vista, macOS
 * since 10.7 read them), so every size is the source scaled down once, the same pixels everywhere.
 *
 * <p>{@code IconSet SOURCE OUT_DIR} writes {@code castline.png}, {@code castline.ico} and
 * {@code castline.icns} into OUT_DIR.
 */
public final class IconSet {
    /** Windows picks from these (the shell, the taskbar, the start menu, Explorer's large icons). */
    static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};
    /** macOS: ICNS entry type → pixel size (the 1x and 2x pictures of 16–512 pt). */
    static final Map<String, Integer> ICNS_ENTRIES = icnsEntries();
    /** Linux: jpackage's --icon and the menu entry take one PNG. */
    static final int PNG_SIZE = 512;

    private IconSet() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: IconSet SOURCE.png OUT_DIR");
            System.exit(2);
        }
        List<Path> written = write(Path.of(args[0]), Path.of(args[1]));
        written.forEach(p -> System.out.println("installers: icon " + p));
    }

    /** Writes the three icon files; returns their paths. */
    public static List<Path> write(Path source, Path outDir) throws IOException {
        BufferedImage image = ImageIO.read(source.toFile());
        if (image == null) throw new IOException(source + " is not an image ImageIO can read");
        if (image.getWidth() != image.getHeight() || image.getWidth() < 512) {
            throw new IOException(source + " must be square and at least 512 px (it is " + image.getWidth() + "×" + image.getHeight() + ")");
        }
        Files.createDirectories(outDir);
        Path png = outDir.resolve("castline.png");
        Files.write(png, pngBytes(scaled(image, PNG_SIZE)));
        Path ico = outDir.resolve("castline.ico");
        Files.write(ico, ico(image));
        Path icns = outDir.resolve("castline.icns");
        Files.write(icns, icns(image));
        return List.of(png, ico, icns);
    }

    /**
     * ICO: a 6-byte header, a 16-byte directory entry per picture, then the pictures. Little-endian;
     * a width or height of 256 is written as 0.
     */
    static byte[] ico(BufferedImage source) {
        List<byte[]> pictures = new ArrayList<>();
        for (int size : ICO_SIZES) pictures.add(pngBytes(scaled(source, size)));
        int headerBytes = 6 + 16 * ICO_SIZES.length;
        int total = headerBytes + pictures.stream().mapToInt(b -> b.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length); // reserved, type 1 = icon, count
        int offset = headerBytes;
        for (int i = 0; i < ICO_SIZES.length; i++) {
            int size = ICO_SIZES[i];
            out.put((byte) (size == 256 ? 0 : size)).put((byte) (size == 256 ? 0 : size));
            out.put((byte) 0).put((byte) 0);                 // no palette, reserved
            out.putShort((short) 1).putShort((short) 32);    // colour planes, bits per pixel
            out.putInt(pictures.get(i).length).putInt(offset);
            offset += pictures.get(i).length;
        }
        pictures.forEach(out::put);
        return out.array();
    }

    /** ICNS: "icns" and the file's length, then per picture its 4-letter type, length (with these 8 bytes) and PNG. Big-endian. */
    static byte[] icns(BufferedImage source) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(entries)) {
            for (Map.Entry<String, Integer> e : ICNS_ENTRIES.entrySet()) {
                byte[] png = pngBytes(scaled(source, e.getValue()));
                out.writeBytes(e.getKey());
                out.writeInt(8 + png.length);
                out.write(png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(file)) {
            out.writeBytes("icns");
            out.writeInt(8 + entries.size());
            entries.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toByteArray();
    }

    /**
     * The source at {@code size} px: halved step by step with bilinear filtering, then the last
     * step to the exact size, so that no source pixel is skipped (one bilinear step from 1024 to 16
     * would read 4 of every 64 pixels in each direction and shimmer).
     */
    static BufferedImage scaled(BufferedImage source, int size) {
        BufferedImage current = argb(source);
        while (current.getWidth() / 2 >= size) current = resize(current, current.getWidth() / 2);
        return current.getWidth() == size ? current : resize(current, size);
    }

    private static BufferedImage argb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) return image;
        return resize(image, image.getWidth());
    }

    private static BufferedImage resize(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, Integer> icnsEntries() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("icp4", 16);
        m.put("icp5", 32);
        m.put("icp6", 64);
        m.put("ic07", 128);
        m.put("ic08", 256);
        m.put("ic09", 512);
        m.put("ic10", 1024); // 512 pt at 2x
        m.put("ic11", 32);   // 16 pt at 2x
        m.put("ic12", 64);   // 32 pt at 2x
        m.put("ic13", 256);  // 128 pt at 2x
        m.put("ic14", 512);  // 256 pt at 2x
        return m;
    }
}
