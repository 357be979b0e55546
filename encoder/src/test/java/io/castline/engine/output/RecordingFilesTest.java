package io.castline.engine.output;

import io.castline.engine.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingFilesTest {

    @TempDir Path dir;

    @Test
    void numberedNamesKeepTheExtension() {
        Path show = dir.resolve("show.mkv");
        assertThat(RecordingFiles.numbered(show, 1)).isEqualTo(show);
        assertThat(RecordingFiles.numbered(show, 2)).isEqualTo(dir.resolve("show-2.mkv"));
        assertThat(RecordingFiles.numbered(dir.resolve("castline-2025-01-02_10-11-12.mp4"), 3))
                .isEqualTo(dir.resolve("castline-2025-01-02_10-11-12-3.mp4"));
        assertThat(RecordingFiles.numbered(dir.resolve("noext"), 2)).isEqualTo(dir.resolve("noext-2"));
        assertThat(RecordingFiles.numbered(dir.resolve(".hidden"), 2)).isEqualTo(dir.resolve(".hidden-2"));
    }

    @Test
    void theNameAsGivenWhenItIsFree() throws IOException {
        RecordingFiles files = new RecordingFiles(dir.resolve("show.mkv"));
        Path first = files.createNext();
        assertThat(first).isEqualTo(dir.resolve("show.mkv")).exists().isEmptyFile();
    }

    @Test
    void anExistingFileIsLeftAloneAndTheNextFreeNumberTaken() throws IOException {
        Files.writeString(dir.resolve("show.mkv"), "earlier show");
        Files.writeString(dir.resolve("show-2.mkv"), "the one before");
        RecordingFiles files = new RecordingFiles(dir.resolve("show.mkv"));
        assertThat(files.createNext()).isEqualTo(dir.resolve("show-3.mkv"));
        assertThat(dir.resolve("show.mkv")).hasContent("earlier show");
        assertThat(dir.resolve("show-2.mkv")).hasContent("the one before");
    }

    @Test
    void aContinuationNumbersAboveTheFilesOfThisRecording() throws IOException {
        Files.writeString(dir.resolve("show-2.mkv"), "someone else's");
        RecordingFiles files = new RecordingFiles(dir.resolve("show.mkv"));
        assertThat(files.createNext()).isEqualTo(dir.resolve("show.mkv"));
        assertThat(files.createNext()).isEqualTo(dir.resolve("show-3.mkv"));
        // a gap below is never filled: the files sort in the order they were written
        Files.delete(dir.resolve("show-2.mkv"));
        assertThat(files.createNext()).isEqualTo(dir.resolve("show-4.mkv"));
    }

    @Test
    void theNextNameIsToldWithoutTakingIt() throws IOException {
        RecordingFiles files = new RecordingFiles(dir.resolve("show.mkv"));
        assertThat(files.peekNext()).isEqualTo(dir.resolve("show.mkv"));
        files.createNext();
        Files.writeString(dir.resolve("show-2.mkv"), "someone else's");
        assertThat(files.peekNext()).isEqualTo(dir.resolve("show-3.mkv")).doesNotExist();
        assertThat(files.peekNext()).as("not reserved: the same until a file is made").isEqualTo(dir.resolve("show-3.mkv"));
        assertThat(files.createNext()).isEqualTo(dir.resolve("show-3.mkv"));
    }

    @Test
    void aDiscardedFileFreesItsNumberAgain() throws IOException {
        RecordingFiles files = new RecordingFiles(dir.resolve("show.mkv"));
        files.createNext();
        Path second = files.createNext();
        files.discardNewest(second);
        assertThat(second).doesNotExist();
        assertThat(files.createNext()).isEqualTo(second);
        assertThatThrownBy(() -> files.discardNewest(dir.resolve("show.mkv"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("show.mkv")).exists();
    }

    @Test
    void aMissingFolderIsRefusedByName() {
        Path missing = dir.resolve("x").resolve("y");
        assertThatThrownBy(() -> RecordingFiles.checkDirectory("record", missing.resolve("show.mkv")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("record: directory " + missing + " does not exist");
    }

    @Test
    void aFolderThatIsAFileOrAFileThatIsAFolderIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> RecordingFiles.checkDirectory("record", file.resolve("show.mkv")))
                .hasMessage("record: " + file + " is not a directory");
        Path folder = Files.createDirectory(dir.resolve("show.mkv"));
        assertThatThrownBy(() -> RecordingFiles.checkDirectory("record", folder))
                .hasMessage("record: " + folder + " is a directory");
        RecordingFiles.checkDirectory("record", dir.resolve("fine.mkv"));
    }
}
