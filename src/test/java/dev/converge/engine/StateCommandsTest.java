package dev.converge.engine;

import static dev.converge.engine.Things.thing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.spi.Ownership;
import dev.converge.testing.FakeProvider;
import dev.converge.testing.Operation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state list/show/rm/mv/history, import, graph and refresh through the command line. */
class StateCommandsTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = FakeProvider.create();
    private CliHarness cli;

    private static Program pair() {
        return stack -> {
            Ref<Map<String, Object>> net = stack.add(thing("net").set("value", "n"));
            stack.add(thing("app").set("value", "a").set("ref", net.id()));
        };
    }

    @BeforeEach
    void applyPair() {
        cli = new CliHarness(dir, fake);
        CliHarness.Run run = cli.run(pair(), "apply", "--auto-approve");
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    private String idOf(String address) {
        return fake.objectsAt(Address.parse(address)).get(0).id();
    }

    @Test
    void stateListAndShow() throws Exception {
        CliHarness.Run list = cli.run(pair(), "state", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines()).containsExactly("app  fake:Thing  " + idOf("app"), "net  fake:Thing  " + idOf("net"));

        CliHarness.Run show = cli.run(pair(), "state", "show", "app");
        assertThat(show.exitCode()).as(show.all()).isZero();
        JsonNode node = new ObjectMapper().readTree(show.out());
        assertThat(node.path("id").asText()).isEqualTo(idOf("app"));
        assertThat(node.path("inputs").path("ref").asText()).isEqualTo(idOf("net"));
        assertThat(node.path("dependencies").get(0).asText()).isEqualTo("net");

        CliHarness.Run missing = cli.run(pair(), "state", "show", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope: no resource at this address in state");
    }

    @Test
    void stateRmForgetsWithoutDeleting() {
        String id = idOf("app");
        CliHarness.Run rm = cli.run(pair(), "state", "rm", "app");
        assertThat(rm.exitCode()).as(rm.all()).isZero();
        assertThat(fake.cloud()).containsKey(id);
        assertThat(cli.run(pair(), "state", "list").out()).doesNotContain("app");
        // the program still declares it, so the next plan creates a new one
        assertThat(cli.run(pair(), "plan").out()).contains("Plan: 1 to add, 0 to change, 0 to destroy.");
    }

    @Test
    void stateMvMovesAndRefusesAnOccupiedTarget() {
        String id = idOf("app");
        CliHarness.Run occupied = cli.run(pair(), "state", "mv", "app", "net");
        assertThat(occupied.exitCode()).isEqualTo(1);
        assertThat(occupied.err()).contains("net: the target address is already in state");

        Program renamed = stack -> {
            Ref<Map<String, Object>> net = stack.add(thing("net").set("value", "n"));
            stack.add(thing("web").set("value", "a").set("ref", net.id()));
        };
        CliHarness.Run mv = cli.run(renamed, "state", "mv", "app", "web");
        assertThat(mv.exitCode()).as(mv.all()).isZero();
        assertThat(cli.run(renamed, "state", "list").out()).contains("web  fake:Thing  " + id);
        fake.clearCalls();
        assertThat(cli.run(renamed, "apply", "--auto-approve").out()).contains("No changes.");
        assertThat(Things.changes(fake)).isEmpty();
    }

    @Test
    void stateHistoryListsEarlierVersions() {
        assertThat(cli.run(stack -> stack.add(thing("net").set("value", "changed")), "apply", "--auto-approve")
                .exitCode()).isZero();
        CliHarness.Run history = cli.run(pair(), "state", "history");
        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(history.out()).containsPattern("serial 2 +\\(current\\)").contains("serial 1  archived ");
    }

    @Test
    void importAdoptsAnExistingObject() {
        fake.putOutOfBand(new FakeProvider.FakeObject("legacy-7", FakeProvider.THING, Address.of("outside"),
                Map.of("value", "old"), Map.of()));
        Program withLegacy = stack -> {
            Ref<Map<String, Object>> net = stack.add(thing("net").set("value", "n"));
            stack.add(thing("app").set("value", "a").set("ref", net.id()));
            stack.add(thing("legacy").set("value", "old"));
        };
        CliHarness.Run imported = cli.run(withLegacy, "import", "legacy", "legacy-7");
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(imported.out()).contains("legacy: Import complete [id=legacy-7]");
        assertThat(cli.run(withLegacy, "state", "list").out()).contains("legacy  fake:Thing  legacy-7");
        fake.clearCalls();
        assertThat(cli.run(withLegacy, "plan", "--detailed-exitcode").exitCode()).isZero();

        CliHarness.Run again = cli.run(withLegacy, "import", "legacy", "legacy-7");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("legacy: already managed (id legacy-7)");
        CliHarness.Run missing = cli.run(withLegacy, "import", "legacy", "nope-1");
        assertThat(missing.exitCode()).isEqualTo(1);
        CliHarness.Run undeclared = cli.run(withLegacy, "import", "ghost", "legacy-7");
        assertThat(undeclared.exitCode()).isEqualTo(1);
        assertThat(undeclared.err()).contains("ghost: the program declares no resource at this address");
    }

    @Test
    void graphAsDotAndMermaid() {
        CliHarness.Run dot = cli.run(pair(), "graph", "--format", "dot");
        assertThat(dot.exitCode()).as(dot.all()).isZero();
        assertThat(dot.out()).startsWith("digraph converge {").contains("\"app\" -> \"net\";").endsWith("}\n");
        CliHarness.Run mermaid = cli.run(pair(), "graph", "--format", "mermaid");
        assertThat(mermaid.exitCode()).isZero();
        assertThat(mermaid.out()).startsWith("graph RL").contains("-->").contains("app<br/>fake:Thing");
        CliHarness.Run bad = cli.run(pair(), "graph", "--format", "png");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown graph format 'png'");
    }

    @Test
    void refreshShowsAnObjectDeletedOutOfBandAndApplyRecreatesIt() {
        fake.deleteOutOfBand(idOf("app"));
        CliHarness.Run refresh = cli.run(pair(), "refresh");
        assertThat(refresh.exitCode()).as(refresh.all()).isZero();
        assertThat(refresh.out()).contains("app has been deleted").contains("1 resource(s) drifted");
        assertThat(cli.run(pair(), "state", "list").out()).doesNotContain("app");

        fake.clearCalls();
        CliHarness.Run apply = cli.run(pair(), "apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(Things.calls(fake, Operation.CREATE, "app")).hasSize(1);
        assertThat(cli.run(pair(), "plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void planShowsOutOfBandChangesAndApplyRevertsThem() {
        FakeProvider.FakeObject net = fake.objectsAt(Address.of("net")).get(0);
        fake.putOutOfBand(new FakeProvider.FakeObject(net.id(), net.type(), net.address(), Map.of("value", "hacked"),
                net.labels()));
        CliHarness.Run plan = cli.run(pair(), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.out()).contains("net has changed").contains("~ value = \"n\" -> \"hacked\"")
                .contains("~ value = \"hacked\" -> \"n\"");
        assertThat(cli.run(pair(), "apply", "--auto-approve").exitCode()).isZero();
        assertThat(fake.cloud().get(net.id()).inputs()).containsEntry("value", "n");
    }

    @Test
    void createdObjectsCarryOwnershipLabels() {
        FakeProvider.FakeObject app = fake.objectsAt(Address.of("app")).get(0);
        assertThat(app.labels()).containsEntry(Ownership.STACK_LABEL, "dev").containsEntry(Ownership.ADDRESS_LABEL, "app");
    }

    @Test
    void stacksAreSeparate() {
        CliHarness.Run prod = cli.run(pair(), "plan", "--stack", "prod");
        assertThat(prod.out()).contains("Plan: 2 to add, 0 to change, 0 to destroy.");
        assertThat(cli.run(pair(), "apply", "--auto-approve", "--stack", "prod").exitCode()).isZero();
        assertThat(fake.cloud()).hasSize(4);
        assertThat(Things.stateFile(dir, "prod")).exists();
        assertThat(cli.run(pair(), "destroy", "--auto-approve", "--stack", "prod").exitCode()).isZero();
        assertThat(fake.cloud()).hasSize(2);
    }
}
