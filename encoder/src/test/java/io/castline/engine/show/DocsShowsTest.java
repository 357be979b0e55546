package io.castline.engine.show;

import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shows under docs/shows (the README's screenshot and the studio benchmark play them) stay
 * valid, and so does the README's show-file example.
 */
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

    @Test
    void theReadmesExampleShowReadsWithItsProductsAndCard() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Shows: scenes of many sources");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        String json = readme.substring(start, readme.indexOf("```", start));
        Path f = Files.createTempFile("readme-show", ".json");
        try {
            Files.writeString(f, json);
            ShowFile.Parsed parsed = ShowFile.parseAll(f, "show");
            assertThat(parsed.problems()).isEmpty();
            Show show = parsed.show();
            assertThat(show.products()).hasSize(2);
            assertThat(show.source("Card")).hasValueSatisfying(c -> assertThat(c.kind()).isEqualTo("product_card"));
            // the rules of what it shows (its pictures and clips are the reader's own, not here)
            assertThat(ShowValidator.pictureProblems(show, f.getParent())).extracting(SettingsProblem::field)
                    .allSatisfy(field -> assertThat(field).matches("sources\\[\\d+]\\.path"));
        } finally {
            Files.delete(f);
        }
    }
}
