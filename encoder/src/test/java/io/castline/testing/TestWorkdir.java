package io.castline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Per-test working directories under {@code ${castline.test.workdir}} (set by the encoder pom to
 * {@code target/it}). Unlike JUnit's {@code @TempDir} they survive the run, so server logs and recordings
 * of a failed test can be inspected afterwards.
 */
public final class TestWorkdir {

    private TestWorkdir() {
    }

    /** Root of all test working directories (absolute). */
    public static Path root() {
        return Path.of(System.getProperty("castline.test.workdir", "target/it")).toAbsolutePath().normalize();
    }

    /** An empty directory {@code root()/name}; whatever a previous run left there is deleted first. */
    public static Path fresh(String name) {
        Path dir = root().resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
