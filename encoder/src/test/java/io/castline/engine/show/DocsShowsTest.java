package io.castline.engine.show;

import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shows under docs/shows (the README's screenshot and the studio benchmark play them) stay valid. */
class DocsShowsTest {
    @Test
    void everyShowInTheDocsReadsWithoutAProblem() throws Exception {
        Path dir = Path.of("..", "docs", "shows");
        List<Path> shows;
        try (Stream<Path> files = Files.list(dir)) {
            shows = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(shows).extracting(f -> f.getFileName().toString()).contains("produced.json", "four-layers-1080p.json");
        for (Path f : shows) {
            ShowFile.Parsed parsed = ShowFile.parseAll(f, "show");
            assertThat(parsed.problems()).as(f.toString()).isEmpty();
            List<SettingsProblem> rules = ShowValidator.pictureProblems(parsed.show(), ShowFile.baseDirectory(f));
            assertThat(rules).as(f.toString()).isEmpty();
        }
    }
}
