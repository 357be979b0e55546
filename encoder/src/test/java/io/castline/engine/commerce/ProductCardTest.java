package io.castline.engine.commerce;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The card as drawn: its size, its QR code read back, and what each state changes in the picture. */
class ProductCardTest {
    private static final Product TEE = new Product("TEE", "Classic Tee", "Black / M", new BigDecimal("25.00"),
            new BigDecimal("35.00"), "USD", null, 3, "https://shop.example/products/classic-tee?variant=42");

    private static CardStyle style(CardTemplate t, boolean qr) {
        return new CardStyle(t, Locale.US, 10, qr, CardStyle.DEFAULT_ACCENT);
    }

    @ParameterizedTest
    @EnumSource(CardTemplate.class)
    void eachTemplateIsDrawnAtItsSizeWithAQrCodeThatReadsBackAsTheProductsPage(CardTemplate t) throws Exception {
        BufferedImage card = ProductCard.render(TEE, style(t, true), null);
        assertThat(card.getWidth()).isEqualTo(t.width());
        assertThat(card.getHeight()).isEqualTo(t.height());
        int[] argb = card.getRGB(0, 0, card.getWidth(), card.getHeight(), null, 0, card.getWidth());
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(card.getWidth(), card.getHeight(), argb)))).getText();
        assertThat(read).isEqualTo(TEE.url());
    }

    @Test
    void withoutAPageOrWithTheQrOffTheCardHasNoCode() {
        BufferedImage withQr = ProductCard.render(TEE, style(CardTemplate.LOWER_THIRD, true), null);
        BufferedImage off = ProductCard.render(TEE, style(CardTemplate.LOWER_THIRD, false), null);
        BufferedImage noPage = ProductCard.render(new Product("TEE", "Classic Tee", "Black / M", new BigDecimal("25.00"),
                new BigDecimal("35.00"), "USD", null, 3, null), style(CardTemplate.LOWER_THIRD, true), null);
        // the code's white square on the right of the lower third
        assertThat(whiteShare(withQr, 1064, 16, 200, 200)).isGreaterThan(0.4);
        assertThat(whiteShare(off, 1064, 16, 200, 200)).isZero();
        assertThat(whiteShare(noPage, 1064, 16, 200, 200)).isZero();
    }

    @Test
    void eachStateOfTheProductChangesThePicture() {
        CardStyle s = style(CardTemplate.SIDE, false);
        BufferedImage base = ProductCard.render(TEE, s, null);
        assertThat(same(base, ProductCard.render(TEE, s, null))).as("the same product draws the same pixels").isTrue();
        assertThat(same(base, ProductCard.render(TEE.withPrice(new BigDecimal("24.00")), s, null))).as("price").isFalse();
        assertThat(same(base, ProductCard.render(TEE.withStock(50), s, null))).as("no 'only N left' above the threshold").isFalse();
        assertThat(same(base, ProductCard.render(TEE.withStock(0), s, null))).as("sold out").isFalse();
        assertThat(same(base, ProductCard.render(TEE.withCompareAtPrice(null), s, null))).as("no badge, no struck price").isFalse();
        BufferedImage picture = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        assertThat(same(base, ProductCard.render(TEE, s, picture))).as("the product's picture").isFalse();
        assertThat(same(base, ProductCard.render(TEE, new CardStyle(CardTemplate.SIDE, Locale.GERMANY, 10, false,
                CardStyle.DEFAULT_ACCENT), null))).as("another locale writes the price otherwise").isFalse();
    }

    @Test
    void theDiscountBadgeIsInTheAccentColourOnThePicturesCorner() {
        BufferedImage card = ProductCard.render(TEE, new CardStyle(CardTemplate.SIDE, Locale.US, 10, false, 0x00FF00), null);
        BufferedImage none = ProductCard.render(TEE.withCompareAtPrice(null), new CardStyle(CardTemplate.SIDE, Locale.US, 10,
                false, 0x00FF00), null);
        assertThat(colourShare(card, 16, 16, 200, 80, 0x00FF00)).as("badge on the corner").isGreaterThan(0.1);
        assertThat(colourShare(none, 16, 16, 200, 80, 0x00FF00)).isZero();
    }

    @Test
    void titlesTooLongForTheirLinesEndInAnEllipsis() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        var fm = g.getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 40));
        var lines = ProductCard.wrap("The Extraordinarily Comfortable Heavyweight Organic Cotton Tee", fm, 400, 2);
        g.dispose();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).endsWith("…");
        assertThat(lines).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(400));
        assertThat(ProductCard.wrap("Mug", fm, 400, 2)).containsExactly("Mug");
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        return java.util.Arrays.equals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }

    private static double whiteShare(BufferedImage img, int x, int y, int w, int h) {
        return colourShare(img, x, y, w, h, 0xFFFFFF);
    }

    private static double colourShare(BufferedImage img, int x, int y, int w, int h, int rgb) {
        int n = 0;
        for (int j = y; j < y + h; j++) for (int i = x; i < x + w; i++) if ((img.getRGB(i, j) & 0xffffff) == rgb) n++;
        return n / (double) (w * h);
    }
}
