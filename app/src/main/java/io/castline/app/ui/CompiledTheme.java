package io.castline.app.ui;

import javafx.css.Stylesheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The theme stylesheet in JavaFX's binary form, made at build time ({@code process-classes}).
 * Parsing AtlantaFX's 165 KB of CSS (1,072 rules) was a third of a second of the studio's start
 * on the UI thread; reading the binary form takes a few milliseconds. JavaFX's style manager looks
 * for {@code name.bss} beside every {@code name.css} it is given and reads that when it is there,
 * so {@link #THEME} names the CSS copy and the binary beside it is what loads. A build that has
 * not made it (an IDE's own compile) gets AtlantaFX's CSS, parsed.
 */
public final class CompiledTheme {
    /** The copy of AtlantaFX Primer Dark the build writes, with its binary form beside it. */
    public static final String THEME = "/io/castline/app/theme/primer-dark.css";
    /** Where the style manager looks for it: the same name, {@code .bss} for {@code .css}. */
    private static final String BINARY = THEME.substring(0, THEME.length() - ".css".length()) + ".bss";

    private CompiledTheme() {}

    /** The user-agent stylesheet to set: the compiled theme where the build made it, else AtlantaFX's own. */
    public static String stylesheet() {
        return CompiledTheme.class.getResource(BINARY) != null ? THEME : Css.THEME;
    }

    /** Build step: writes the theme's CSS copy and binary form under the classes directory given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: CompiledTheme CLASSES_DIR");
        Path classes = Path.of(args[0]);
        Path css = classes.resolve(THEME.substring(1));
        Path bss = classes.resolve(BINARY.substring(1));
        Files.createDirectories(css.getParent());
        try (InputStream in = CompiledTheme.class.getResourceAsStream(Css.THEME)) {
            if (in == null) throw new IOException(Css.THEME + " is not on the class path (atlantafx-base)");
            Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
        }
        Stylesheet.convertToBinary(css.toFile(), bss.toFile());
    }
}
