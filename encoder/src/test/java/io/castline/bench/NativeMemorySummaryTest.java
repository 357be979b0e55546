package io.castline.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM's Native Memory Tracking as the benches read it: from a real JVM started with tracking
 * on (a child of this one), and nothing from this one, which runs without it.
 */
class NativeMemorySummaryTest {

    /** The child: prints what it reads of itself. */
    public static final class Child {
        public static void main(String[] args) {
            NativeMemorySummary s = NativeMemorySummary.now();
            System.out.println(s == null ? "none" : "total " + s.totalMb() + " heap " + s.committedMb().get("Java Heap")
                    + " categories " + s.committedMb().size());
        }
    }

    @Test
    void readsTheCategoriesOfAJvmWithTrackingOn() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:NativeMemoryTracking=summary", "-Xms32m", "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("total ");
        String[] f = out.split(" ");
        double total = Double.parseDouble(f[1]);
        double heap = Double.parseDouble(f[3]);
        // a 32 MB heap, committed at the start, is one of the categories and part of the total
        assertThat(heap).isEqualTo(32.0);
        assertThat(total).isGreaterThan(heap);
        assertThat(Integer.parseInt(f[5])).isGreaterThan(5);
    }

    @Test
    void isNullWithoutTracking() {
        assertThat(NativeMemorySummary.now()).isNull();
    }
}
