package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write killed between creating its temporary file and renaming it leaves nothing behind for long. */
class StaleTempFilesTest {

    @TempDir
    Path dir;

    @Test
    void theNextWriteOfAFileRemovesTheTemporaryFilesAKilledWriteLeft() throws Exception {
        Path target = dir.resolve("app.conf");
        Path stale = Files.writeString(dir.resolve(".app.conf8812345.tmp"), "half");
        Path otherFiles = Files.writeString(dir.resolve(".app.confusing.txt"), "keep");
        Path otherTemp = Files.writeString(dir.resolve(".other.conf99.tmp"), "keep");
        PosixFiles.writeAtomically(Address.of("conf"), target, "whole".getBytes(), null);
        assertThat(target).hasContent("whole");
        assertThat(stale).doesNotExist();
        assertThat(otherFiles).exists();
        assertThat(otherTemp).exists();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.conf",
                    ".app.confusing.txt", ".other.conf99.tmp");
        }
    }
}
