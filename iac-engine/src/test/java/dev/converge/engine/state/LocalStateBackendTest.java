package dev.converge.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.engine.ConvergeException;
import dev.converge.spi.state.StateJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateBackendTest {

    @TempDir
    Path root;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void tornLastJournalRecordIsSkippedAndCutOffBeforeTheNextAppend() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        StateJournal journal = backend.journal("dev");
        journal.append(bytes("first"));
        journal.append(bytes("second\nwith a newline"));
        Path file = root.resolve("dev/journal.log");
        byte[] torn = LocalJournal.frame(bytes("third, never finished"));
        Files.write(file, java.util.Arrays.copyOf(torn, torn.length - 5), StandardOpenOption.APPEND);

        assertThat(backend.journal("dev").readAll()).extracting(LocalStateBackendTest::text)
                .containsExactly("first", "second\nwith a newline");

        new LocalStateBackend(root).journal("dev").append(bytes("fourth"));
        assertThat(backend.journal("dev").readAll()).extracting(LocalStateBackendTest::text)
                .containsExactly("first", "second\nwith a newline", "fourth");
    }

    @Test
    void damagedJournalRecordEndsTheReadableJournal() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        backend.journal("dev").append(bytes("good"));
        backend.journal("dev").append(bytes("flipped"));
        Path file = root.resolve("dev/journal.log");
        byte[] all = Files.readAllBytes(file);
        all[all.length - 3] ^= 1; // a bit flip inside the last payload breaks its checksum
        Files.write(file, all);
        assertThat(backend.journal("dev").readAll()).extracting(LocalStateBackendTest::text).containsExactly("good");
    }

    @Test
    void historyKeepsOnlyTheNewestVersions() {
        LocalStateBackend backend = new LocalStateBackend(root, 3);
        for (long serial = 1; serial <= 7; serial++) {
            backend.history("dev").archive(serial, bytes("v" + serial));
        }
        assertThat(backend.history("dev").list()).extracting(e -> e.serial()).containsExactly(7L, 6L, 5L);
        assertThat(backend.history("dev").load(4)).isEmpty();
        assertThat(backend.historyFile("dev", 7)).hasContent("v7");
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        String version = backend.store("dev").write(bytes("one"), null);
        backend.store("dev").write(bytes("two"), version);
        try (Stream<Path> files = Files.list(root.resolve("dev"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.json", ".write.lock");
        }
        assertThat(root.resolve("dev/state.json")).hasContent("two");
    }

    @Test
    void versionIsAChecksumOfTheBytes() {
        LocalStateBackend backend = new LocalStateBackend(root);
        String version = backend.store("dev").write(bytes("abc"), null);
        // CRC32C, CRC32 and length of "abc"
        assertThat(version).isEqualTo("364b3fb7-352441c2-3");
        assertThat(backend.store("dev").read().orElseThrow().version()).isEqualTo(version);
        String other = backend.store("dev").write(bytes("abd"), version);
        assertThat(other).isNotEqualTo(version);
        assertThat(backend.store("dev").write(bytes("abc"), other)).isEqualTo(version);
    }

    @Test
    void stackNamesCannotEscapeTheRoot() {
        LocalStateBackend backend = new LocalStateBackend(root);
        assertThatThrownBy(() -> backend.store("../etc")).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("invalid stack name '../etc'");
        assertThatThrownBy(() -> backend.store("")).isInstanceOf(ConvergeException.class);
    }

    @Test
    void stackNamesAreLettersDigitsUnderscoresDotsAndDashesNotLeadingWithADotOrDash() {
        LocalStateBackend backend = new LocalStateBackend(root);
        for (String good : new String[] {"dev", "Prod-2", "_x", "9.a_b-c", "a..b"}) {
            assertThat(backend.stackDir(good)).isEqualTo(root.resolve(good));
        }
        for (String bad : new String[] {".hidden", "-x", "a b", "a/b", "é", "dev\n", "x:y"}) {
            assertThatThrownBy(() -> backend.stackDir(bad)).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("invalid stack name");
        }
    }

    @Test
    void unreadableLockFileStillCountsAsHeldAndCanBeForceUnlocked() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/lock.json"), "{not json");
        assertThat(backend.lock("dev").holder()).map(l -> l.id()).contains("unreadable-lock-file");
        assertThat(backend.lock("dev").forceRelease("unreadable-lock-file")).isTrue();
        assertThat(backend.lock("dev").holder()).isEmpty();
    }

    @Test
    void aTempFileLeftByACrashDuringAWriteIsIgnored() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        String version = backend.store("dev").write(bytes("complete"), null);
        Files.writeString(root.resolve("dev/.state.json.0000.tmp"), "half writ"); // the crash came before rename
        assertThat(text(backend.store("dev").read().orElseThrow().bytes())).isEqualTo("complete");
        assertThat(backend.store("dev").write(bytes("next"), version)).isNotEqualTo(version);
        assertThat(root.resolve("dev/.state.json.0000.tmp")).as("cleaned up by the next write").doesNotExist();
    }
}
