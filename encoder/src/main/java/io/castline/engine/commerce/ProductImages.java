package io.castline.engine.commerce;

import io.castline.engine.settings.UserCacheDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The products' pictures, from a file (relative to the show's folder) or a web address, kept in
 * memory at card size. A web picture is fetched once on a thread of its own into the user's cache
 * folder and read from there after; until it has come (or when it cannot be had) the card shows its
 * placeholder, never an error on air. A server that is busy or briefly refuses is asked again.
 */
public final class ProductImages implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProductImages.class);
    /** Larger pictures are scaled down on reading: a card draws them at most this big. */
    static final int MAX_SIDE = 600;
    private static final long MAX_BYTES = 20L << 20;
    private static final int ATTEMPTS = 3;
    private static final long FIRST_RETRY_MILLIS = 500;

    private final Path baseDirectory;
    private final Path cache;
    private final HttpClient http;
    private final ExecutorService fetcher;
    private final Map<String, BufferedImage> loaded = new ConcurrentHashMap<>();
    /** Pictures that could not be had, by reference: not asked for again until {@link #retryMissing}. */
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final Set<String> fetching = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.Consumer<String> onArrival = reference -> { };

    /** @param baseDirectory where relative paths are read from; null for the working directory */
    public ProductImages(Path baseDirectory) {
        this(baseDirectory, UserCacheDir.get().resolve("product-images"));
    }

    ProductImages(Path baseDirectory, Path cache) {
        this.baseDirectory = baseDirectory;
        this.cache = cache;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "castline-product-images");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs on the fetching thread with the reference of each web picture that has come. */
    public void onArrival(java.util.function.Consumer<String> listener) {
        onArrival = listener == null ? reference -> { } : listener;
    }

    /**
     * The picture {@code reference} names if it is here; null for none yet (a web picture is then
     * fetched, and {@link #onArrival} told once it has come) or none at all.
     */
    public BufferedImage get(String reference) {
        if (reference == null || reference.isBlank()) return null;
        BufferedImage image = loaded.get(reference);
        if (image != null || missing.contains(reference)) return image;
        if (!isWeb(reference)) {
            image = readFile(resolve(reference), reference);
            if (image == null) missing.add(reference);
            else loaded.put(reference, image);
            return image;
        }
        Path cached = cache.resolve(cacheName(reference));
        if (Files.isRegularFile(cached)) {
            image = readFile(cached, reference);
            if (image != null) {
                loaded.put(reference, image);
                return image;
            }
        }
        if (fetching.add(reference)) fetcher.execute(() -> fetch(reference, cached));
        return null;
    }

    /** Starts fetching the web pictures of {@code products}, so that a pin finds them here. */
    public void prefetch(Iterable<Product> products) {
        for (Product p : products) get(p.image());
    }

    /** Forgets the pictures that could not be had, so that they are tried again (a new show was applied). */
    public void retryMissing() {
        missing.clear();
    }

    private void fetch(String url, Path cached) {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET().build();
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    int status = response.statusCode();
                    if (status == 200) {
                        save(response.body(), cached);
                        BufferedImage image = readFile(cached, url);
                        if (image == null) break;
                        loaded.put(url, image);
                        fetching.remove(url);
                        onArrival.accept(url);
                        return;
                    }
                    response.body().close();
                    // busy, rate-limited or briefly down: asked again; anything else will not change
                    if (status != 429 && status < 500) {
                        LOG.warn("product picture {}: HTTP {}; the card shows its placeholder", url, status);
                        break;
                    }
                    LOG.info("product picture {}: HTTP {} (attempt {} of {})", url, status, attempt, ATTEMPTS);
                } catch (IOException e) {
                    LOG.info("product picture {}: {} (attempt {} of {})", url, e.toString(), attempt, ATTEMPTS);
                }
                if (attempt < ATTEMPTS) Thread.sleep(FIRST_RETRY_MILLIS * (long) Math.pow(3, attempt - 1));
            }
            missing.add(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("product picture {}: {}; the card shows its placeholder", url, e.toString());
            missing.add(url);
        } finally {
            fetching.remove(url);
        }
    }

    private void save(InputStream body, Path cached) throws IOException {
        Files.createDirectories(cached.getParent());
        Path temp = Files.createTempFile(cached.getParent(), ".fetch", ".tmp");
        try (InputStream in = body) {
            long n = Files.copy(new BoundedStream(in, MAX_BYTES), temp, StandardCopyOption.REPLACE_EXISTING);
            if (n == 0) throw new IOException("empty answer");
            Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static BufferedImage readFile(Path file, String reference) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                LOG.warn("product picture {}: not a picture Castline reads (PNG, JPEG, GIF, BMP)", reference);
                return null;
            }
            return atCardSize(image);
        } catch (IOException e) {
            LOG.warn("product picture {}: {}; the card shows its placeholder", reference, e.getMessage());
            return null;
        }
    }

    /** The picture at most {@value #MAX_SIDE} pixels on its longer side, as ARGB. */
    static BufferedImage atCardSize(BufferedImage image) {
        double scale = Math.min(1.0, MAX_SIDE / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
    }

    static boolean isWeb(String reference) {
        return reference.startsWith("http://") || reference.startsWith("https://");
    }

    /** A file name for the address (its SHA-256): the same picture is fetched once per user. */
    static String cacheName(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public void close() {
        fetcher.shutdownNow();
    }

    /** Stops reading after {@code limit} bytes, with an error: a picture, not a download of anything. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long left;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override public int read() throws IOException {
            if (left <= 0) throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB");
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB");
            int n = super.read(buf, off, (int) Math.min(len, left + 1));
            if (n > 0) left -= n;
            return n;
        }
    }
}
