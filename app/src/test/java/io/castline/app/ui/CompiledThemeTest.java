package io.castline.app.ui;

import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's binary theme (exec-maven-plugin at process-classes): there, named as JavaFX's style
 * manager looks for it (the .bss beside the .css the studio sets), and the same rules, selector for
 * selector and property for property, as AtlantaFX's CSS parsed.
 */
class CompiledThemeTest {
    @Test
    void theBuildMadeTheBinaryThemeBesideTheCssTheStudioSets() {
        assertThat(CompiledTheme.stylesheet()).isEqualTo(CompiledTheme.THEME);
        String css = CompiledTheme.THEME;
        assertThat(CompiledTheme.class.getResource(css)).isNotNull();
        assertThat(CompiledTheme.class.getResource(css.substring(0, css.length() - ".css".length()) + ".bss")).isNotNull();
    }

    /** A rule's declarations as "property" or "property !important" (a parsed value's text shows object ids). */
    private static List<String> properties(Rule rule) {
        return rule.getDeclarations().stream().map(d -> d.getProperty() + (d.isImportant() ? " !important" : "")).toList();
    }

    @Test
    void theBinaryThemeHoldsWhatAtlantaFxCssSays() throws Exception {
        String css = CompiledTheme.THEME;
        URL bss = CompiledTheme.class.getResource(css.substring(0, css.length() - ".css".length()) + ".bss");
        List<Rule> binary = Stylesheet.loadBinary(bss).getRules();
        List<Rule> parsed = new CssParser().parse(CompiledThemeTest.class.getResource(Css.THEME)).getRules();
        assertThat(binary).hasSize(parsed.size()).hasSizeGreaterThan(1000);
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(binary.get(i).getSelectors().toString()).isEqualTo(parsed.get(i).getSelectors().toString());
            assertThat(properties(binary.get(i))).isEqualTo(properties(parsed.get(i)));
        }
    }
}
