package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.engine.state.LocalStateBackend;
import dev.converge.engine.state.JournalOperation;
import dev.converge.engine.state.StateSession;
import dev.converge.testing.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state list} shows the steps an interrupted run left unfinished, and the next apply resolves them. */
class PendingIntentListTest {

    @TempDir
    Path dir;

    @Test
    void stateListShowsPendingIntentsUntilTheNextApplyResolvesThem() {
        FakeProvider fake = FakeProvider.create();
        CliHarness cli = new CliHarness(dir, fake);
        Program program = stack -> stack.add(GenericResource.of(FakeProvider.THING, "a").set("value", "x"));
        assertThat(cli.run(program, "apply", "--auto-approve").exitCode()).isZero();
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".converge"));
        try (StateSession session = StateSession.open(backend, "dev",
                new StateSession.Options("test", Duration.ZERO, Map.of()))) {
            session.begin(Address.parse("b"), JournalOperation.CREATE, FakeProvider.THING, null); // a run that never finished
        }

        CliHarness.Run list = cli.run(program, "state", "list");
        assertThat(list.out()).contains("a  fake:Thing").contains("pending: b  create  fake:Thing");

        CliHarness.Run apply = cli.run(program, "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.err()).contains("b: interrupted 'create' had not created anything");
        assertThat(cli.run(program, "state", "list").out()).doesNotContain("pending:");
    }
}
