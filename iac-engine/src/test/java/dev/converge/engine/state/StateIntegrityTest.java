package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static dev.converge.engine.state.StateFixtures.withSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.engine.ConvergeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, foreign and future state is refused with a pointer to history, and never changed. */
class StateIntegrityTest {

    @TempDir
    Path root;
    private LocalStateBackend backend;
    private Path stateFile;

    @BeforeEach
    void threeVersions() {
        backend = new LocalStateBackend(root);
        stateFile = root.resolve("dev/state.json");
        for (int i = 1; i <= 3; i++) {
            try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
                session.recordUpsert(session.begin(Address.of("db" + i), JournalOperation.CREATE, "docker:Container", null),
                        withSecret("db" + i));
                session.commit(Map.of());
            }
        }
    }

    private void assertRefusedAndUnchanged(byte[] content, String... messageParts) throws IOException {
        Files.write(stateFile, content);
        assertThatThrownBy(() -> StateSession.load(backend, "dev", KEY)).isInstanceOf(ConvergeException.class)
                .hasMessageContainingAll(messageParts);
        assertThatThrownBy(() -> StateSession.open(backend, "dev", options(KEY), FAST))
                .isInstanceOf(ConvergeException.class).hasMessageContainingAll(messageParts);
        assertThat(Files.readAllBytes(stateFile)).isEqualTo(content);
        assertThat(backend.lock("dev").holder()).as("a refused open leaves no lock").isEmpty();
        assertThat(backend.history("dev").list()).extracting(e -> e.serial()).containsExactly(2L, 1L);
    }

    @Test
    void truncatedStateIsRefusedWithThePathToTheNewestGoodVersion() throws IOException {
        byte[] good = Files.readAllBytes(stateFile);
        assertRefusedAndUnchanged(Arrays.copyOf(good, good.length / 2), "is damaged or truncated",
                "it was not changed", "newest good version in history is serial 2",
                root.resolve("dev/history/2.json").toString(), "converge state history");
    }

    @Test
    void corruptJsonIsRefused() throws IOException {
        assertRefusedAndUnchanged("{\"version\":1,\"stack\":\"dev\",,}".getBytes(StandardCharsets.UTF_8),
                "is damaged or truncated", "serial 2");
    }

    @Test
    void aDamagedNewestHistoryVersionIsSkippedInThePointer() throws IOException {
        Files.writeString(root.resolve("dev/history/2.json"), "{\"version\":1");
        Files.write(stateFile, "garbage".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StateSession.load(backend, "dev", KEY))
                .hasMessageContaining("newest good version in history is serial 1");
    }

    @Test
    void futureFormatVersionIsRefused() throws IOException {
        String good = Files.readString(stateFile);
        int next = State.FORMAT_VERSION + 1;
        String future = good.replaceFirst("\"version\": " + State.FORMAT_VERSION, "\"version\": " + next);
        assertThat(future).isNotEqualTo(good);
        assertRefusedAndUnchanged(future.getBytes(StandardCharsets.UTF_8), "state format version " + next,
                "reads only up to version " + State.FORMAT_VERSION, "Upgrade Converge", "newest good version in history is serial 2",
                root.resolve("dev/history/2.json").toString());
    }

    @Test
    void aStateOfAnotherLineageOfTheSameStackIsRefusedWithoutAJournal() throws IOException {
        LocalStateBackend other = new LocalStateBackend(root.resolve("elsewhere"));
        for (int i = 1; i <= 4; i++) {
            try (StateSession session = StateSession.open(other, "dev", options(KEY), FAST)) {
                session.replace(session.state().withResource(plain("x" + i)));
            }
        }
        assertThat(Files.exists(root.resolve("dev/journal.log")) && Files.size(root.resolve("dev/journal.log")) > 0)
                .as("no journal left to compare with").isFalse();
        assertRefusedAndUnchanged(Files.readAllBytes(root.resolve("elsewhere/dev/state.json")),
                "has lineage", "but the version it replaced in history (serial 2) has lineage",
                "state of another stack named 'dev'", "newest good version in history is serial 2");
    }

    @Test
    void aStackStartedAfreshOverAnOldHistoryIsAccepted() throws IOException {
        Files.delete(stateFile);
        for (int i = 1; i <= 3; i++) {
            try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
                session.replace(session.state().withResource(plain("fresh" + i)));
            }
        }
        assertThat(StateSession.load(backend, "dev", KEY).resources()).hasSize(3);
    }

    @Test
    void anotherStacksStateIsRefused() throws IOException {
        LocalStateBackend other = new LocalStateBackend(root.resolve("elsewhere"));
        try (StateSession session = StateSession.open(other, "prod", options(KEY), FAST)) {
            session.replace(State.absent("prod").withResource(plain("x")));
        }
        assertRefusedAndUnchanged(Files.readAllBytes(root.resolve("elsewhere/prod/state.json")),
                "belongs to stack 'prod'", "copied from another stack");
    }

    @Test
    void aJournalOfAnotherLineageIsRefused() throws IOException {
        LocalStateBackend other = new LocalStateBackend(root.resolve("elsewhere"));
        try (StateSession session = StateSession.open(other, "dev", options(KEY), FAST)) {
            session.begin(Address.of("x"), JournalOperation.CREATE, "local:File", null);
        }
        Path journal = root.resolve("dev/journal.log");
        Files.copy(root.resolve("elsewhere/dev/journal.log"), journal, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(stateFile);
        assertThatThrownBy(() -> StateSession.load(backend, "dev", KEY)).isInstanceOf(ConvergeException.class)
                .hasMessageContaining("does not match the state document").hasMessageContaining("lineage");
        assertThat(Files.readAllBytes(stateFile)).isEqualTo(before);
        assertThat(Files.readAllBytes(journal)).isEqualTo(Files.readAllBytes(root.resolve("elsewhere/dev/journal.log")));
    }

    @Test
    void stateOlderThanItsJournalIsRefused() throws IOException {
        try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
            session.begin(Address.of("x"), JournalOperation.CREATE, "local:File", null); // journal continues serial 3
        }
        Files.copy(root.resolve("dev/history/2.json"), stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> StateSession.load(backend, "dev", KEY))
                .hasMessageContaining("continues serial 3 but the state document has serial 2");
    }

    @Test
    void aDamagedJournalRecordIsRefused() throws IOException {
        backend.journal("dev").append("{\"kind\":\"intent\"".getBytes(StandardCharsets.UTF_8)); // framed but not JSON
        assertThatThrownBy(() -> StateSession.load(backend, "dev", KEY))
                .hasMessageContaining("record 1 of the journal of stack 'dev'").hasMessageContaining("damaged");
    }
}
