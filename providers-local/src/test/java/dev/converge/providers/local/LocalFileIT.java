package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local:File and local:Directory against the real file system, in a temporary directory. */
class LocalFileIT {

    @TempDir
    Path workDir;

    private LocalProvider provider() {
        return LocalProvider.in(workDir);
    }

    @Test
    void createsTemplatedFileWithModeAndReadsItBackWithoutDrift() throws Exception {
        LocalProvider provider = provider();
        CreateRequest request = Requests.create("dev", "config", LocalSchemas.FILE, Map.of("path", "run/app.properties",
                "content", "greeting=${greeting}\nport=${port}\n", "vars", Map.of("greeting", "Hi", "port", 8080L),
                "mode", "0600"));
        CreateResponse created = provider.create(request);

        Path file = workDir.resolve("run/app.properties");
        assertThat(created.id()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).isEqualTo("greeting=Hi\nport=8080\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.outputs()).containsEntry("path", file.toString()).containsEntry("size", 22L);
        assertThat((String) created.outputs().get("sha256")).hasSize(64)
                .isEqualTo(PosixFiles.sha256(Files.readAllBytes(file)));
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary file left").containsExactly(file);
        }

        ReadResponse read = provider.read(Requests.read(request, created));
        assertThat(read.exists()).isTrue();
        assertThat(read.inputs()).isEqualTo(request.inputs());
    }

    @Test
    void readShowsDriftOfContentAndMode() throws Exception {
        LocalProvider provider = provider();
        CreateRequest request = Requests.create("dev", "f", LocalSchemas.FILE, Map.of("path", "f.txt", "content", "a"));
        CreateResponse created = provider.create(request);
        Path file = workDir.resolve("f.txt");
        Files.writeString(file, "edited by hand");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));

        ReadResponse read = provider.read(Requests.read(request, created));
        assertThat(read.inputs()).containsEntry("content", "edited by hand").containsEntry("mode", "0777")
                .containsEntry("path", "f.txt");
        assertThat(LocalSchemas.diff(new dev.converge.spi.DiffRequest(request.address(), LocalSchemas.FILE,
                created.id(), read.inputs(), read.outputs(), request.inputs())).diffs()).hasSize(2);
    }

    @Test
    void updatesInPlaceThenDeletesAndReadsGone() throws Exception {
        LocalProvider provider = provider();
        CreateRequest request = Requests.create("dev", "f", LocalSchemas.FILE, Map.of("path", "f.txt", "content", "v1"));
        CreateResponse created = provider.create(request);
        Path file = workDir.resolve("f.txt");
        Object inode = Files.getAttribute(file, "unix:ino");

        UpdateResponse updated = provider.update(Requests.update(request, created,
                Map.of("path", "f.txt", "content", "v2", "mode", "0640")));
        assertThat(Files.readString(file)).isEqualTo("v2");
        assertThat(Files.getAttribute(file, "unix:ino")).as("written atomically: a new inode").isNotEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(updated.outputs()).containsEntry("size", 2L);

        assertThat(provider.delete(Requests.delete(request, created)).alreadyGone()).isFalse();
        assertThat(file).doesNotExist();
        assertThat(provider.read(Requests.read(request, created)).exists()).isFalse();
        assertThat(provider.delete(Requests.delete(request, created)).alreadyGone()).isTrue();
    }

    @Test
    void importsAnExistingFileByPath() throws Exception {
        Path file = workDir.resolve("existing.conf");
        Files.writeString(file, "x=1");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ImportResponse imported = provider().importResource(Requests.importing(LocalSchemas.FILE, "existing.conf"));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.id()).isEqualTo(file.toString());
        assertThat(imported.inputs()).isEqualTo(Map.of("path", file.toString(), "content", "x=1", "mode", "0644"));
        assertThat(provider().importResource(Requests.importing(LocalSchemas.FILE, "nope")).exists()).isFalse();
    }

    @Test
    void createFailsClearlyWhenTemplateLacksAVariable() {
        CreateRequest request = Requests.create("dev", "f", LocalSchemas.FILE,
                Map.of("path", "f.txt", "content", "${missing}", "vars", Map.of()));
        assertThatThrownBy(() -> provider().create(request)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("app/f").hasMessageContaining("missing");
        assertThat(workDir.resolve("f.txt")).doesNotExist();
    }

    @Test
    void directoryIsCreatedWithModeAndDeletedOnlyWhenEmpty() throws Exception {
        LocalProvider provider = provider();
        CreateRequest request = Requests.create("dev", "d", LocalSchemas.DIRECTORY, Map.of("path", "a/b", "mode", "0700"));
        CreateResponse created = provider.create(request);
        Path dir = workDir.resolve("a/b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(provider.read(Requests.read(request, created)).inputs()).isEqualTo(request.inputs());

        Files.writeString(dir.resolve("stray.log"), "x");
        assertThatThrownBy(() -> provider.delete(Requests.delete(request, created)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("not empty (stray.log)")
                .hasMessageContaining("recursiveDelete");
        assertThat(dir).exists();

        Files.delete(dir.resolve("stray.log"));
        assertThat(provider.delete(Requests.delete(request, created)).alreadyGone()).isFalse();
        assertThat(dir).doesNotExist();
        assertThat(provider.read(Requests.read(request, created)).exists()).isFalse();
    }

    @Test
    void recursiveDeleteRemovesEverythingButDoesNotFollowLinks() throws Exception {
        LocalProvider provider = provider();
        Path outside = Files.createDirectory(workDir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        CreateRequest request = Requests.create("dev", "d", LocalSchemas.DIRECTORY,
                Map.of("path", "tree", "recursiveDelete", true));
        CreateResponse created = provider.create(request);
        Path tree = workDir.resolve("tree");
        Files.createDirectories(tree.resolve("x/y"));
        Files.writeString(tree.resolve("x/y/z.txt"), "z");
        Files.createSymbolicLink(tree.resolve("link"), outside);

        provider.delete(Requests.delete(request, created));
        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void directoryImportAndClashWithAFile() throws Exception {
        Files.writeString(workDir.resolve("plain"), "x");
        CreateRequest clash = Requests.create("dev", "d", LocalSchemas.DIRECTORY, Map.of("path", "plain"));
        assertThatThrownBy(() -> provider().create(clash)).hasMessageContaining("exists and is not a directory");
        Files.createDirectory(workDir.resolve("data"));
        ImportResponse imported = provider().importResource(Requests.importing(LocalSchemas.DIRECTORY, "data"));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.inputs()).containsEntry("path", workDir.resolve("data").toString());
    }
}
