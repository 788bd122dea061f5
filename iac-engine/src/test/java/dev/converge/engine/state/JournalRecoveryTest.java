package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static dev.converge.engine.state.StateFixtures.withSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that stops without commit (crash) loses nothing: the journal is replayed on the next load. */
class JournalRecoveryTest {

    @TempDir
    Path root;

    private StateSession open(LocalStateBackend backend) {
        return StateSession.open(backend, "dev", options(KEY), FAST);
    }

    @Test
    void recordsWithoutCommitAreReplayedAndUnfinishedIntentsArePending() {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
            session.commit(Map.of());
        }
        long unfinished;
        try (StateSession crashed = open(backend)) {
            crashed.recordUpsert(crashed.begin(Address.of("db"), JournalOperation.CREATE, "docker:Container", null), withSecret("db"));
            crashed.recordRemoved(crashed.begin(Address.of("app", "a"), JournalOperation.DELETE, "local:File", "/tmp/a"),
                    Address.of("app", "a"));
            long failed = crashed.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null);
            crashed.recordFailed(failed, "disk full");
            unfinished = crashed.begin(Address.of("app", "c"), JournalOperation.CREATE, "local:File", null);
            // the process dies here: no commit (close only releases the lock, as a dead holder's lock is broken)
        }
        State loaded = StateSession.load(backend, "dev", KEY);
        assertThat(loaded.resources().keySet()).containsExactly(Address.of("db"));
        assertThat(loaded.serial()).isEqualTo(1);
        assertThat(StateSession.pendingIntents(backend, "dev", KEY)).containsExactly(
                new StateSession.PendingIntent(unfinished, Address.of("app", "c"), JournalOperation.CREATE, "local:File",
                        null, ""));

        try (StateSession recovery = open(backend)) {
            assertThat(recovery.state()).isEqualTo(loaded);
            assertThat(recovery.pendingIntents()).extracting(StateSession.PendingIntent::sequence)
                    .containsExactly(unfinished);
            long next = recovery.begin(Address.of("app", "d"), JournalOperation.CREATE, "local:File", null);
            assertThat(next).isGreaterThan(unfinished);
        }
    }

    @Test
    void pendingIntentsSurviveCommitsUntilResolved() {
        LocalStateBackend backend = new LocalStateBackend(root);
        long lost;
        try (StateSession crashed = open(backend)) {
            lost = crashed.begin(Address.of("app", "c"), JournalOperation.CREATE, "local:File", null);
        }
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
            session.commit(Map.of());
        }
        assertThat(StateSession.pendingIntents(backend, "dev", KEY)).extracting(StateSession.PendingIntent::sequence)
                .containsExactly(lost);
        try (StateSession session = open(backend)) {
            assertThat(session.state().resources()).containsOnlyKeys(Address.of("app", "a"));
            session.recordUpsert(lost, plain("c")); // recovery found and adopted the object
            session.commit(Map.of());
        }
        assertThat(StateSession.pendingIntents(backend, "dev", KEY)).isEmpty();
        assertThat(backend.journal("dev").readAll()).isEmpty();
        assertThat(StateSession.load(backend, "dev", KEY).resources()).hasSize(2);
    }

    @Test
    void aCrashBetweenWritingTheDocumentAndClearingTheJournalReplaysNothingTwice() {
        LocalStateBackend backend = new LocalStateBackend(root);
        byte[][] journalBeforeClear = new byte[1][];
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
            session.recordRemoved(session.begin(Address.of("app", "a"), JournalOperation.DELETE, "local:File", "/tmp/a"),
                    Address.of("app", "a"));
            session.recordUpsert(session.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null), plain("b"));
            journalBeforeClear[0] = readJournal();
            session.commit(Map.of());
        }
        restoreJournal(journalBeforeClear[0]); // as if the process died right after the document was written
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
        }
        State state = StateSession.load(backend, "dev", KEY);
        assertThat(state.resources().keySet()).containsExactly(Address.of("app", "a"), Address.of("app", "b"));
        assertThat(StateSession.pendingIntents(backend, "dev", KEY)).isEmpty();
    }

    @Test
    void aTornLastJournalLineIsSkipped() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
        }
        byte[] frame = LocalJournal.frame("{\"kind\":\"removed\",\"seq\":1,\"address\":\"app/a\"}".getBytes());
        Files.write(journalPath(), java.util.Arrays.copyOf(frame, frame.length - 3), StandardOpenOption.APPEND);
        assertThat(StateSession.load(backend, "dev", KEY).resources()).containsOnlyKeys(Address.of("app", "a"));
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null), plain("b"));
        }
        assertThat(StateSession.load(backend, "dev", KEY).resources())
                .containsOnlyKeys(Address.of("app", "a"), Address.of("app", "b"));
    }

    @Test
    void completingAnUnknownIntentIsAProgrammingError() {
        try (StateSession session = open(new LocalStateBackend(root))) {
            assertThatThrownBy(() -> session.recordFailed(42, "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no open intent 42");
        }
    }

    private Path journalPath() {
        return root.resolve("dev/journal.log");
    }

    private byte[] readJournal() {
        try {
            return Files.readAllBytes(journalPath());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void restoreJournal(byte[] bytes) {
        try {
            Files.write(journalPath(), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLoadRacingACommitIsRetriedInsteadOfRefused() {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession session = open(backend)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
            session.commit(Map.of());
        }
        byte[] serialOne = backend.store("dev").read().orElseThrow().bytes();
        try (StateSession session = open(backend)) {
            session.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null); // stays pending
            session.commit(Map.of());
            session.recordUpsert(session.begin(Address.of("app", "c"), JournalOperation.CREATE, "local:File", null), plain("c"));
        }
        // The first read of the document sees serial 1, as if it happened just before the commit.
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        dev.converge.spi.state.StateBackend racing = new dev.converge.spi.state.StateBackend() {
            @Override
            public String describe(String stack) {
                return backend.describe(stack);
            }

            @Override
            public dev.converge.spi.state.StateStore store(String stack) {
                dev.converge.spi.state.StateStore real = backend.store(stack);
                return new dev.converge.spi.state.StateStore() {
                    @Override
                    public java.util.Optional<StoredState> read() {
                        return first.getAndSet(false)
                                ? java.util.Optional.of(new StoredState(serialOne, LocalFiles.version(serialOne)))
                                : real.read();
                    }

                    @Override
                    public String write(byte[] document, String expectedVersion) {
                        return real.write(document, expectedVersion);
                    }
                };
            }

            @Override
            public dev.converge.spi.state.StateLock lock(String stack) {
                return backend.lock(stack);
            }

            @Override
            public dev.converge.spi.state.StateHistory history(String stack) {
                return backend.history(stack);
            }

            @Override
            public dev.converge.spi.state.StateJournal journal(String stack) {
                return backend.journal(stack);
            }
        };
        State loaded = StateSession.load(racing, "dev", KEY);
        assertThat(first.get()).isFalse();
        assertThat(loaded.serial()).isEqualTo(2);
        assertThat(loaded.resources()).containsOnlyKeys(Address.of("app", "a"), Address.of("app", "c"));
    }
}
