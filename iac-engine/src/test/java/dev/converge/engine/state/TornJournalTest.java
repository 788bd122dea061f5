package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static dev.converge.engine.state.StateFixtures.withSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash can cut the journal after any byte that was not yet synced. For every prefix of a real
 * journal, the state must load and equal the state after some number of complete records.
 */
class TornJournalTest {

    @TempDir
    Path root;

    @Test
    void everyPrefixOfTheJournalLoadsAsTheStateAfterItsCompleteRecords() throws Exception {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null), plain("a"));
            session.commit(Map.of());
        }
        Path journal = root.resolve("dev/journal.log");
        List<Set<Address>> expected = new ArrayList<>();
        List<Integer> boundaries = new ArrayList<>();
        try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
            long db = session.begin(Address.of("db"), JournalOperation.CREATE, "docker:Container", null);
            session.recordUpsert(db, withSecret("db"));
            record(journal, session, expected, boundaries);
            long drop = session.begin(Address.of("app", "a"), JournalOperation.DELETE, "local:File", "/tmp/a");
            session.recordRemoved(drop, Address.of("app", "a"));
            record(journal, session, expected, boundaries);
            session.begin(Address.of("web"), JournalOperation.CREATE, "docker:Container", null);
        }
        byte[] full = Files.readAllBytes(journal);
        int checked = 0;
        for (int length = 0; length <= full.length; length++) {
            Files.write(journal, Arrays.copyOf(full, length));
            State loaded = StateSession.load(backend, "dev", KEY);
            assertThat(loaded.resources().keySet()).as("prefix of %d bytes", length)
                    .isEqualTo(expectedAt(length, expected, boundaries));
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
    }

    private static void record(Path journal, StateSession session, List<Set<Address>> expected,
            List<Integer> boundaries) throws Exception {
        boundaries.add((int) Files.size(journal));
        expected.add(session.state().resources().keySet());
    }

    /** The addresses after the last step whose records end at or before {@code length}. */
    private static Set<Address> expectedAt(int length, List<Set<Address>> expected, List<Integer> boundaries) {
        Set<Address> result = Set.of(Address.of("app", "a"));
        for (int i = 0; i < boundaries.size(); i++) {
            if (boundaries.get(i) <= length) {
                result = expected.get(i);
            }
        }
        return result;
    }
}
