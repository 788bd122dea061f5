package dev.converge.engine.state;

import static dev.converge.engine.state.StateFixtures.FAST;
import static dev.converge.engine.state.StateFixtures.KEY;
import static dev.converge.engine.state.StateFixtures.options;
import static dev.converge.engine.state.StateFixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider configuration that owns an object, in the state document and the journal: written only for a
 * named configuration, so that states without one keep their bytes; read back as written; absent (every state
 * written before configurations existed) meaning the default configuration.
 */
class ConfigurationFieldTest {

    @TempDir
    Path root;

    private static ResourceState inEu(String name) {
        ResourceState base = plain(name);
        return new ResourceState(base.address(), base.type(), base.id(), base.inputs(), base.outputs(),
                base.dependencies(), base.options(), null, "eu");
    }

    @Test
    void aNamedConfigurationIsWrittenAndReadBackAndTheDefaultOneIsNotWritten() throws Exception {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession session = StateSession.open(backend, "dev", options(KEY), FAST)) {
            session.recordUpsert(session.begin(Address.of("app", "a"), JournalOperation.CREATE, "local:File", null),
                    plain("a"));
            session.recordUpsert(session.begin(Address.of("app", "b"), JournalOperation.CREATE, "local:File", null,
                    "eu"), inEu("b"));
            session.commit(Map.of());
        }
        String document = Files.readString(root.resolve("dev/state.json"), StandardCharsets.UTF_8);
        assertThat(document).containsOnlyOnce("\"configuration\":\"eu\"").contains("\"version\": 2");

        State loaded = StateSession.load(backend, "dev", KEY);
        assertThat(loaded.resource(Address.of("app", "a")).configuration()).isEmpty();
        assertThat(loaded.resource(Address.of("app", "b"))).isEqualTo(inEu("b"));
        assertThat(loaded.resource(Address.of("app", "b")).managedBy()).isEqualTo("local[eu]");
    }

    @Test
    void aStateWrittenBeforeConfigurationsExistedReadsAsTheDefaultConfiguration() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/state.json"), """
                {"version": 2, "stack": "dev", "lineage": "3f0c1e5e-0000-4000-8000-000000000001", "serial": 1,
                 "encryption": {"kdf":"PBKDF2WithHmacSHA256","iterations":310000,"salt":"OKGJBlu1GWtoyaqtFFbAsw=="},
                 "outputs": {},
                 "resources": [
                   {"address":"web","type":"fake:Thing","id":"thing-1","dependencies":[],"options":{},"inputs":{},"outputs":{}}
                 ]}
                """);
        State loaded = StateSession.load(new LocalStateBackend(root), "dev", Map.of());
        assertThat(loaded.resource(Address.of("web")).configuration()).isEmpty();
        assertThat(loaded.resource(Address.of("web")).managedBy()).isEqualTo("fake");
    }

    @Test
    void anUnfinishedCallKeepsItsConfigurationInTheJournalForRecovery() {
        LocalStateBackend backend = new LocalStateBackend(root);
        try (StateSession crashed = StateSession.open(backend, "dev", options(KEY), FAST)) {
            crashed.begin(Address.of("queue"), JournalOperation.CREATE, "aws:SqsQueue", null, "eu");
            crashed.begin(Address.of("topic"), JournalOperation.CREATE, "aws:SnsTopic", null);
        }
        assertThat(StateSession.pendingIntents(backend, "dev", KEY)).extracting(StateSession.PendingIntent::address,
                StateSession.PendingIntent::configuration).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Address.of("queue"), "eu"),
                        org.assertj.core.groups.Tuple.tuple(Address.of("topic"), ""));
    }

    @Test
    void renamingAndDeposingAnObjectKeepItsConfiguration() {
        ResourceState object = inEu("c");
        assertThat(object.withAddress(Address.of("moved")).configuration()).isEqualTo("eu");
        assertThat(object.deposedAs(DeposedKey.random(object.address())).configuration()).isEqualTo("eu");
        assertThat(object.withObserved(Map.of(), Map.of()).configuration()).isEqualTo("eu");
    }
}
