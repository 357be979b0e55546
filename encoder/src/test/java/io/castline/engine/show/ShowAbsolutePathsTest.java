package io.castline.engine.show;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A show kept away from its folder (the studio's show.json) still finds every file it names. */
class ShowAbsolutePathsTest {
    @Test
    void everyRelativeFileOfSourcesAndProductsIsMadeAbsoluteAndNothingElse() throws Exception {
        Show show = ShowFile.parse(new ObjectMapper().readTree("""
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Logo", "kind": "image", "path": "branding/logo.png"},
                             {"name": "Clip", "kind": "media", "path": "/srv/clips/teaser.mp4"},
                             {"name": "Banner", "kind": "image_banner", "path": "banners"},
                             {"name": "Name", "kind": "lower_third", "title": "Ana", "logo": "../shared/ana.png"},
                             {"name": "Words", "kind": "text", "text": "path/like/text.png"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Logo"}]}], "program": "Main",
                 "products": [{"sku": "TEE", "title": "Tee", "price": "1.00", "currency": "USD", "image": "products/tee.png"},
                              {"sku": "MUG", "title": "Mug", "price": "1.00", "currency": "USD",
                               "image": "https://cdn.example/mug.jpg"},
                              {"sku": "CAP", "title": "Cap", "price": "1.00", "currency": "USD"}]}
                """));
        Path base = Path.of("/home/host/shows");
        Show moved = ShowEdits.withAbsolutePaths(show, base);
        assertThat(moved.source("Logo").orElseThrow().settings()).containsEntry("path", "/home/host/shows/branding/logo.png");
        assertThat(moved.source("Clip").orElseThrow().settings()).containsEntry("path", "/srv/clips/teaser.mp4");
        assertThat(moved.source("Banner").orElseThrow().settings()).containsEntry("path", "/home/host/shows/banners");
        assertThat(moved.source("Name").orElseThrow().settings()).containsEntry("logo", "/home/host/shared/ana.png");
        assertThat(moved.source("Words").orElseThrow().settings()).as("text is not a file").containsEntry("text", "path/like/text.png");
        assertThat(moved.product("TEE").orElseThrow().image()).isEqualTo("/home/host/shows/products/tee.png");
        assertThat(moved.product("MUG").orElseThrow().image()).as("a web picture stays").isEqualTo("https://cdn.example/mug.jpg");
        assertThat(moved.product("CAP").orElseThrow().image()).isNull();
        assertThat(moved.scenes()).isEqualTo(show.scenes());
    }
}
