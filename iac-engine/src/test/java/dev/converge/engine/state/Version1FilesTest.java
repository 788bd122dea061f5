package dev.converge.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack written by the previous version, state format 1 (the files under {@code version1/dev/} were
 * written by Converge at commit c5fc5b0 through its own {@code StateSession}): deposed objects recorded as
 * {@code app/web[deposed-1a2b3c4d]} in the document and the journal, and journal intents named by strings,
 * among them {@code promote} and {@code restart}. They must load, with typed deposed keys and operations,
 * and the next write records the keys as fields of their own.
 */
class Version1FilesTest {

    private static final Address WEB = Address.of("app", "web");

    @TempDir
    Path root;

    @BeforeEach
    void copyTheFilesOfThePreviousVersion() throws IOException {
        Files.createDirectories(root.resolve("dev"));
        for (String file : new String[] {"state.json", "journal.log"}) {
            try (InputStream in = Version1FilesTest.class.getResourceAsStream("version1/dev/" + file)) {
                Files.copy(in, root.resolve("dev").resolve(file));
            }
        }
    }

    @Test
    void aVersion1StateAndJournalLoadWithTypedDeposedKeys() {
        State state = StateSession.load(new LocalStateBackend(root), "dev", Map.of());
        DeposedKey inDocument = new DeposedKey(WEB, "1a2b3c4d");
        DeposedKey inJournal = new DeposedKey(WEB, "9f8e7d6c");
        assertThat(state.formatVersion()).isEqualTo(1);
        assertThat(state.resources().keySet()).containsExactlyInAnyOrder(WEB, inDocument.stateAddress(),
                inJournal.stateAddress(), Address.of("db"));
        assertThat(state.resource(WEB).isDeposed()).isFalse();
        assertThat(state.resource(inDocument.stateAddress()).deposed()).isEqualTo(inDocument);
        assertThat(state.resource(inDocument.stateAddress()).id()).isEqualTo("thing-2");
        assertThat(state.resource(inJournal.stateAddress()).deposed()).isEqualTo(inJournal);
    }

    @Test
    void theJournalsIntentsKeepTheirOperationsAndRecoveryReadsPromoteAndRestartAgain() {
        var pending = StateSession.pendingIntents(new LocalStateBackend(root), "dev", Map.of());
        assertThat(pending).extracting(StateSession.PendingIntent::operation).containsExactly(
                JournalOperation.PROMOTE, JournalOperation.RESTART, JournalOperation.CREATE);
        assertThat(pending).extracting(intent -> intent.operation().onRecovery()).containsExactly(
                JournalOperation.OnRecovery.REREAD, JournalOperation.OnRecovery.REREAD,
                JournalOperation.OnRecovery.ADOPT_IF_CREATED);
    }

    @Test
    void theNextWriteRecordsDeposedKeysAsFieldsAndReadsBackTheSame() throws IOException {
        LocalStateBackend backend = new LocalStateBackend(root);
        State before = StateSession.load(backend, "dev", Map.of());
        try (StateSession session = StateSession.open(backend, "dev", StateFixtures.options(Map.of()))) {
            session.replace(session.state());
        }
        String written = Files.readString(root.resolve("dev/state.json"));
        assertThat(written).contains("\"version\": " + State.FORMAT_VERSION)
                .contains("{\"address\":\"app/web\",\"deposed\":\"1a2b3c4d\",")
                .contains("{\"address\":\"app/web\",\"deposed\":\"9f8e7d6c\",")
                .doesNotContain("[deposed-");
        State after = StateSession.load(backend, "dev", Map.of());
        assertThat(after.resources()).isEqualTo(before.resources());
        assertThat(after.lineage()).isEqualTo(before.lineage());
    }
}
