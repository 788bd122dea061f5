package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.CANARY;
import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.WRONG_KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static dev.converge.engine.state.StateFixtures.withSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Secret;
import dev.converge.engine.ConvergeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSessionTest {

    @TempDir
    Path root;

    private LocalStateBackend backend() {
        return new LocalStateBackend(root);
    }

    private StateSession open(Map<String, String> settings) {
        return StateSession.open(backend(), "dev", options(settings), FAST);
    }

    /** Applies two resources (one with a secret) and commits: serial 1. */
    private State applyTwo() {
        try (StateSession session = open(KEY)) {
            long first = session.begin(Address.of("db"), JournalOperation.CREATE, "docker:Container", null);
            session.recordUpsert(first, withSecret("db"));
            long second = session.begin(Address.of("app", "config"), JournalOperation.CREATE, "local:File", null);
            session.recordUpsert(second, plain("config"));
            return session.commit(Map.of("dbPassword", Secret.of(CANARY), "url", "http://localhost"));
        }
    }

    @Test
    void roundTripKeepsEveryFieldAndSecrets() {
        State written = applyTwo();
        State loaded = StateSession.load(backend(), "dev", KEY);
        assertThat(loaded).isEqualTo(written);
        assertThat(loaded.serial()).isEqualTo(1);
        assertThat(loaded.resource(Address.of("db"))).isEqualTo(withSecret("db"));
        assertThat(loaded.resource(Address.of("db")).options().timeouts().delete()).hasHours(1);
        assertThat(loaded.outputs().get("dbPassword")).isEqualTo(Secret.of(CANARY));
        assertThat(backend().journal("dev").readAll()).isEmpty();
    }

    @Test
    void canarySecretNeverAppearsInAnyFileInPlainBase64OrHex() throws IOException {
        applyTwo();
        try (StateSession session = open(KEY)) {
            long seq = session.begin(Address.of("db"), JournalOperation.UPDATE, "docker:Container", "c-db");
            session.recordUpsert(seq, withSecret("db"));
            session.commit(Map.of("dbPassword", Secret.of(CANARY))); // archives serial 1 in history
            session.recordUpsert(session.begin(Address.of("db"), JournalOperation.UPDATE, "docker:Container", "c-db"),
                    withSecret("db"));
            session.begin(Address.of("other"), JournalOperation.CREATE, "docker:Container", null);
            // no commit: the journal keeps the secret-bearing record
        }
        List<String> forms = forbiddenForms(CANARY);
        List<Path> files = allFiles(root);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("state.json", "journal.log", "1.json");
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String form : forms) {
                assertThat(content).as("%s must not contain %s", file, form).doesNotContain(form);
            }
        }
        try (StateSession session = open(KEY)) {
            assertThat(session.state().resource(Address.of("db"))).isEqualTo(withSecret("db"));
        }
    }

    /** The canary as plain text, hex and base64 at each of the three alignments a prefix can give it. */
    private static List<String> forbiddenForms(String canary) {
        byte[] raw = canary.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>(List.of(canary, HexFormat.of().formatHex(raw),
                HexFormat.of().withUpperCase().formatHex(raw)));
        for (int shift = 0; shift < 3; shift++) {
            String encoded = Base64.getEncoder().encodeToString(("xx".substring(0, shift) + canary)
                    .getBytes(StandardCharsets.UTF_8));
            int skip = shift == 0 ? 0 : shift + 2; // characters mixed with the prefix
            forms.add(encoded.substring(skip, encoded.length() - 4));
        }
        return forms;
    }

    private static List<Path> allFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void wrongKeyIsRefused() {
        applyTwo();
        assertThatThrownBy(() -> StateSession.load(backend(), "dev", WRONG_KEY))
                .isInstanceOf(ConvergeException.class)
                .hasMessageContaining("cannot decrypt the secrets in the state of stack 'dev'")
                .hasMessageContaining("passphrase or key file used when it was written");
    }

    @Test
    void missingKeyIsRefusedForReadingAndForWriting() {
        applyTwo();
        assertThatThrownBy(() -> StateSession.load(backend(), "dev", Map.of()))
                .isInstanceOf(ConvergeException.class)
                .hasMessageContaining("contains encrypted secrets, but no secrets key is configured")
                .hasMessageContaining("set CONVERGE_SECRETS_PASSPHRASE".substring(4));
        LocalStateBackend other = new LocalStateBackend(root.resolve("other"));
        try (StateSession session = StateSession.open(other, "dev", options(Map.of()), FAST)) {
            assertThat(session.canStoreSecrets()).isFalse();
            long seq = session.begin(Address.of("db"), JournalOperation.CREATE, "docker:Container", null); // no secret in it
            assertThatThrownBy(() -> session.recordUpsert(seq, withSecret("db")))
                    .isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("has secret values to store, but no secrets key is configured")
                    .hasMessageContaining("never stores secrets in plaintext");
            assertThatThrownBy(() -> session.commit(Map.of("pw", Secret.of(CANARY))))
                    .isInstanceOf(ConvergeException.class);
            assertThat(session.unresolvedIntents()).extracting(StateSession.PendingIntent::sequence).containsExactly(seq);
        }
        assertThat(other.store("dev").read()).isEmpty();
        assertThat(other.journal("dev").readAll()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .noneMatch(record -> record.contains(CANARY));
    }

    @Test
    void statesWithoutSecretsNeedNoKey() {
        try (StateSession session = open(Map.of())) {
            session.recordUpsert(session.begin(Address.of("app", "config"), JournalOperation.CREATE, "local:File", null),
                    plain("config"));
            session.commit(Map.of("n", 1L));
        }
        assertThat(StateSession.load(backend(), "dev", Map.of()).resources()).hasSize(1);
    }

    @Test
    void aStackWithoutStateLoadsAsAbsentAndTheFirstWriteFixesItsLineage() {
        State absent = StateSession.load(backend(), "dev", Map.of());
        assertThat(absent.exists()).isFalse();
        assertThat(absent.serial()).isZero();
        assertThat(absent.resources()).isEmpty();
        State written;
        try (StateSession session = open(Map.of())) {
            written = session.replace(absent.withResource(plain("a")));
        }
        assertThat(written.exists()).isTrue();
        assertThat(written.serial()).isEqualTo(1);
        assertThat(StateSession.load(backend(), "dev", Map.of()).lineage()).isEqualTo(written.lineage());
    }

    @Test
    void everyCommitIncrementsTheSerialAndArchivesThePreviousVersion() {
        LocalStateBackend backend = new LocalStateBackend(root, 3);
        for (int i = 1; i <= 5; i++) {
            try (StateSession session = StateSession.open(backend, "dev", options(Map.of()), FAST)) {
                session.recordUpsert(session.begin(Address.of("r" + i), JournalOperation.CREATE, "local:File", null), plain("r" + i));
                assertThat(session.commit(Map.of()).serial()).isEqualTo(i);
            }
        }
        assertThat(backend.history("dev").list()).extracting(e -> e.serial()).containsExactly(4L, 3L, 2L);
        assertThat(StateSession.historyVersion(backend, "dev", 2, Map.of()).resources()).hasSize(2);
        assertThatThrownBy(() -> StateSession.historyVersion(backend, "dev", 1, Map.of()))
                .isInstanceOf(ConvergeException.class).hasMessageContaining("no archived state with serial 1");
    }

    @Test
    void replaceRefusesAnotherLineageOrStack() {
        applyTwo();
        try (StateSession session = open(KEY)) {
            State foreign = State.empty("dev").withResource(plain("x"));
            assertThatThrownBy(() -> session.replace(foreign)).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("refusing to write a state of lineage " + foreign.lineage());
            State otherStack = new State(1, "prod", session.state().lineage(), 3, Map.of(), Map.of());
            assertThatThrownBy(() -> session.replace(otherStack)).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("stack 'prod'");
        }
        assertThat(StateSession.load(backend(), "dev", KEY).serial()).isEqualTo(1);
    }
}
