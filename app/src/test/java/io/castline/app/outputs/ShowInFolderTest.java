package io.castline.app.outputs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Show in folder": each OS's own command, and a failure in words (the card's notice tells it). */
class ShowInFolderTest {
    private static final Path DIR = Path.of("/home/host/Videos");

    @Test
    void eachSystemOpensTheFolderWithItsOwnFileManager() {
        assertThat(ShowInFolder.commands("Linux", DIR))
                .containsExactly(List.of("xdg-open", "/home/host/Videos"), List.of("gio", "open", "/home/host/Videos"));
        assertThat(ShowInFolder.commands("Mac OS X", DIR)).containsExactly(List.of("open", "/home/host/Videos"));
        assertThat(ShowInFolder.commands("Windows 11", DIR)).containsExactly(List.of("explorer.exe", "/home/host/Videos"));
    }

    @Test
    void theFirstCommandFoundIsUsed() throws Exception {
        ShowInFolder.open(List.of(List.of("castline-no-such-command"), List.of("true"))).get(10, TimeUnit.SECONDS);
    }

    @Test
    void noCommandOrOneThatFailsIsAReasonInWords() {
        assertThatThrownBy(() -> ShowInFolder.open(List.of(List.of("castline-no-such-command"), List.of("castline-nor-this")))
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .hasMessage("no file manager command found (castline-no-such-command, castline-nor-this)");
        assertThatThrownBy(() -> ShowInFolder.open(List.of(List.of("false"))).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().hasMessage("false could not open it (exit code 1)");
    }
}
