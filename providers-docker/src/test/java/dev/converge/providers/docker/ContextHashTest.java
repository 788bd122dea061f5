package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextHashTest {

    @TempDir
    Path root;

    private Path context(String name, String dockerfile, String script) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name).resolve("sub"));
        Files.writeString(dir.getParent().resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("run.sh"), script);
        return dir.getParent();
    }

    @Test
    void sameFilesInAnotherPlaceHashTheSameRegardlessOfTimestamps() throws IOException {
        Path a = context("a", "FROM x", "echo hi");
        Path b = context("b", "FROM x", "echo hi");
        Files.setLastModifiedTime(b.resolve("Dockerfile"), FileTime.fromMillis(0));
        assertThat(ContextHash.of(a)).startsWith("sha256:").isEqualTo(ContextHash.of(b));
    }

    @Test
    void contentNamesAndExecutableBitChangeTheHash() throws IOException {
        Path a = context("a", "FROM x", "echo hi");
        String original = ContextHash.of(a);
        Files.writeString(a.resolve("sub/run.sh"), "echo ho");
        String changed = ContextHash.of(a);
        assertThat(changed).isNotEqualTo(original);
        Files.move(a.resolve("sub/run.sh"), a.resolve("sub/start.sh"));
        assertThat(ContextHash.of(a)).isNotEqualTo(changed);
        String beforeChmod = ContextHash.of(a);
        assertThat(a.resolve("sub/start.sh").toFile().setExecutable(true)).isTrue();
        assertThat(ContextHash.of(a)).isNotEqualTo(beforeChmod);
    }

    @Test
    void missingDirectoryIsAClearError() {
        assertThatThrownBy(() -> ContextHash.of(root.resolve("nope"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope").hasMessageContaining("not a directory");
    }
}
