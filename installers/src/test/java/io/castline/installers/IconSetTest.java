package io.castline.installers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three icon files, read back the way Windows and macOS read them: every picture in each
 * container decodes at the size its directory claims, and shows the source (its colours where the
 * source has them, transparent where it is).
 */
class IconSetTest {
    static final Path SOURCE = Path.of("..", "src", "main", "resources", "branding", "castline-icon.png");
    static Path dir;
    static BufferedImage source;

    @BeforeAll
    static void write(@TempDir Path tmp) throws IOException {
        dir = tmp;
        source = ImageIO.read(SOURCE.toFile());
        assertThat(IconSet.write(SOURCE, dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("castline.png", "castline.ico", "castline.icns");
    }

    @Test
    void theIcoHoldsEveryWindowsSizeAsAPngOfThatSize() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("castline.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ico.getShort(0)).as("reserved").isZero();
        assertThat(ico.getShort(2)).as("type: icon").isEqualTo((short) 1);
        int count = ico.getShort(4);
        assertThat(count).isEqualTo(IconSet.ICO_SIZES.length);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int w = Byte.toUnsignedInt(ico.get(entry)) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry));
            int h = Byte.toUnsignedInt(ico.get(entry + 1)) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry + 1));
            assertThat(ico.getShort(entry + 6)).as("bits per pixel").isEqualTo((short) 32);
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            assertThat(offset + length).isLessThanOrEqualTo(ico.capacity());
            BufferedImage picture = decode(ico.array(), offset, length);
            assertThat(picture.getWidth()).isEqualTo(w);
            assertThat(picture.getHeight()).isEqualTo(h);
            assertLooksLikeTheSource(picture);
            sizes.add(w);
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void theIcnsHoldsEveryMacEntryAtItsSizeAndSaysItsOwnLength() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("castline.icns"));
        ByteBuffer icns = ByteBuffer.wrap(bytes); // big-endian
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(icns.getInt(4)).as("the file's length").isEqualTo(bytes.length);
        Map<String, Integer> found = new LinkedHashMap<>();
        int at = 8;
        while (at < bytes.length) {
            String type = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            int length = icns.getInt(at + 4);
            assertThat(length).as(type + " length").isGreaterThan(8);
            BufferedImage picture = decode(bytes, at + 8, length - 8);
            assertThat(picture.getHeight()).isEqualTo(picture.getWidth());
            assertLooksLikeTheSource(picture);
            found.put(type, picture.getWidth());
            at += length;
        }
        assertThat(at).isEqualTo(bytes.length);
        assertThat(found).containsExactlyEntriesOf(IconSet.ICNS_ENTRIES);
        assertThat(found).containsEntry("ic10", 1024).containsEntry("ic07", 128).containsEntry("icp4", 16);
    }

    @Test
    void theLinuxPngIsTheSourceAt512() throws IOException {
        BufferedImage png = ImageIO.read(dir.resolve("castline.png").toFile());
        assertThat(png.getWidth()).isEqualTo(512);
        assertThat(png.getHeight()).isEqualTo(512);
        assertLooksLikeTheSource(png);
    }

    @Test
    void aSourceThatIsNotSquareIsRefusedWithItsSize(@TempDir Path tmp) throws IOException {
        Path wide = tmp.resolve("wide.png");
        ImageIO.write(new BufferedImage(1024, 512, BufferedImage.TYPE_INT_ARGB), "png", wide.toFile());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IconSet.write(wide, tmp.resolve("out")))
                .hasMessageContaining("must be square").hasMessageContaining("1024×512");
    }

    /**
     * Compared at points where the source is flat (a corner outside the tile, the tile's gradient
     * at two places, the white play sign): the same colour within 12 levels, the same transparency.
     */
    private static void assertLooksLikeTheSource(BufferedImage picture) {
        double[][] points = {{0.02, 0.02}, {0.50, 0.52}, {0.15, 0.85}, {0.80, 0.80}};
        for (double[] p : points) {
            int expected = source.getRGB((int) (p[0] * source.getWidth()), (int) (p[1] * source.getHeight()));
            int actual = picture.getRGB((int) (p[0] * picture.getWidth()), (int) (p[1] * picture.getHeight()));
            String where = picture.getWidth() + " px at " + p[0] + "," + p[1];
            int ea = expected >>> 24, aa = actual >>> 24;
            assertThat(Math.abs(ea - aa)).as(where + " alpha %d vs %d", aa, ea).isLessThanOrEqualTo(12);
            if (ea < 128) continue; // colour of a transparent pixel means nothing
            for (int shift = 0; shift <= 16; shift += 8) {
                int e = (expected >> shift) & 0xFF, a = (actual >> shift) & 0xFF;
                assertThat(Math.abs(e - a)).as(where + " %06X vs %06X", actual & 0xFFFFFF, expected & 0xFFFFFF).isLessThanOrEqualTo(12);
            }
        }
    }

    private static BufferedImage decode(byte[] bytes, int offset, int length) throws IOException {
        assertThat(new String(bytes, offset + 1, 3, StandardCharsets.US_ASCII)).as("a PNG signature").isEqualTo("PNG");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes, offset, length));
        assertThat(image).as("decodes").isNotNull();
        return image;
    }
}
