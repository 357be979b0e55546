package io.castline.engine.commerce;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Product pictures from files and from a real HTTP server on loopback. */
class ProductImagesTest {
    @TempDir Path dir;
    private HttpServer server;
    private final java.util.Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/big.png")) {
                BufferedImage img = new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_RGB);
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                ImageIO.write(img, "png", b);
                exchange.sendResponseHeaders(200, b.size());
                try (OutputStream out = exchange.getResponseBody()) { b.writeTo(out); }
            } else if (path.equals("/text")) {
                byte[] body = "not a picture".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) { out.write(body); }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aFileIsReadFromTheShowsFolderAtCardSize() throws IOException {
        ImageIO.write(new BufferedImage(1200, 300, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("wide.png").toFile());
        try (ProductImages images = new ProductImages(dir, dir.resolve("cache"))) {
            BufferedImage img = images.get("wide.png");
            assertThat(img.getWidth()).isEqualTo(ProductImages.MAX_SIDE);
            assertThat(img.getHeight()).isEqualTo(150);
            assertThat(images.get("missing.png")).isNull();
            assertThat(images.get(null)).isNull();
        }
    }

    @Test
    void aWebPictureComesOnceAndIsReadFromTheCacheAfter() throws Exception {
        CountDownLatch came = new CountDownLatch(1);
        try (ProductImages images = new ProductImages(dir, dir.resolve("cache"))) {
            images.onArrival(ref -> came.countDown());
            assertThat(images.get(url("/big.png"))).as("not here yet").isNull();
            assertThat(came.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(images.get(url("/big.png")).getWidth()).isEqualTo(ProductImages.MAX_SIDE);
        }
        try (ProductImages again = new ProductImages(dir, dir.resolve("cache"))) {
            assertThat(again.get(url("/big.png"))).as("a new run reads the cache at once").isNotNull();
        }
        assertThat(hits.get("/big.png").get()).isEqualTo(1);
        assertThat(Files.list(dir.resolve("cache")).map(p -> p.getFileName().toString()))
                .containsExactly(ProductImages.cacheName(url("/big.png")));
    }

    @Test
    void aMissingOrUnreadableWebPictureIsNotAskedForAgainAndAgain() throws Exception {
        try (ProductImages images = new ProductImages(dir, dir.resolve("cache"))) {
            images.get(url("/gone.png"));
            images.get(url("/text"));
            waitFor(() -> hits.containsKey("/gone.png") && hits.containsKey("/text"));
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) {
                assertThat(images.get(url("/gone.png"))).isNull();
                assertThat(images.get(url("/text"))).isNull();
            }
            Thread.sleep(300);
            assertThat(hits.get("/gone.png").get()).as("a 404 is final").isEqualTo(1);
            assertThat(hits.get("/text").get()).isEqualTo(1);
            images.retryMissing();
            images.get(url("/gone.png"));
            waitFor(() -> hits.get("/gone.png").get() == 2);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
