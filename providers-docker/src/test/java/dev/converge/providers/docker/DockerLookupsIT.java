package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.ConvergeException;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Change;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanRenderer;
import dev.converge.testing.RequiredServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups against the real dockerd: a network made with the docker CLI and the base image
 * {@code converge/busybox:1}, found by a program whose container joins the one and runs the other; the
 * network outlives the stack's destroy; a lookup that finds nothing stops the plan before any change.
 */
class DockerLookupsIT extends DockerItSupport {

    @TempDir
    Path dir;

    private String network;

    @BeforeEach
    void sharedNetwork() {
        network = "shared-" + stack;
        assertThat(dockerCli("network", "create", "--label", "team=platform", network)).isNotBlank();
    }

    @AfterEach
    void removeSharedNetwork() {
        if (network != null) {
            dockerCli("network", "rm", network);
        }
    }

    /** Runs the docker CLI against the test daemon; its standard output. */
    private static String dockerCli(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", RequiredServer.DOCKER.value());
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("docker " + String.join(" ", args) + ": " + out).isZero();
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run the docker CLI: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Program program(String networkName, String image) {
        return stack -> {
            var net = stack.lookup(DockerNetwork.lookup(networkName).label("team", "platform"));
            var base = stack.lookup(DockerImage.lookup("base").image(image));
            stack.add(DockerContainer.of("app").image(base).network(net).command("sleep", "3600"));
        };
    }

    private StackEngine engine(Program program) {
        return Converge.engine(program).stack(stack).workDir(dir).providers(List.of(new DockerProvider()))
                .serviceLoader(false).releaseLog(false).build();
    }

    @Test
    void aContainerJoinsALookedUpNetworkAndRunsALookedUpImageWhichOutliveTheStack() {
        String networkId = client().inspectNetworkCmd().withNetworkId(network).exec().getId();
        String imageId = client().inspectImageCmd(BUSYBOX).exec().getId();
        Program program = program(network, BUSYBOX);
        try (StackEngine engine = engine(program)) {
            Plan plan = engine.plan(PlanRequest.normal());
            assertThat(((Change.Read) plan.change(Address.of("base")).orElseThrow()).id()).isEqualTo(imageId);
            assertThat(new PlanRenderer(false).render(plan))
                    .contains(" <= data \"docker:Network\" \"" + network + "\" (labels.team = \"platform\", name = \""
                            + network + "\"): " + networkId)
                    .contains(" <= data \"docker:Image\" \"base\" (image = \"" + BUSYBOX + "\"): " + imageId)
                    .contains("+ image = \"" + imageId + "\"");

            ApplyResult applied = engine.apply(ApplyRequest.normal());
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
            String containerId = applied.state().resource(Address.of("app")).id();
            InspectContainerResponse container = client().inspectContainerCmd(containerId).exec();
            assertThat(container.getNetworkSettings().getNetworks()).containsKey(network);
            assertThat(container.getImageId()).isEqualTo(imageId);
            assertThat(engine.apply(ApplyRequest.normal()).status()).isEqualTo(ApplyResult.Status.NO_CHANGES);

            ApplyResult destroyed = engine.destroy(ApplyRequest.normal());
            assertThat(destroyed.succeeded()).as(destroyed.failures().toString()).isTrue();
            assertThat(destroyed.destroyed()).isEqualTo(1);
        }
        assertThat(client().inspectNetworkCmd().withNetworkId(network).exec().getId()).isEqualTo(networkId);
        assertThat(client().inspectImageCmd(BUSYBOX).exec().getId()).isEqualTo(imageId);
    }

    @Test
    void aNetworkOrImageThatIsNotThereStopsThePlanNamingTheLookup() {
        try (StackEngine engine = engine(program(network + "-missing", "converge/not-built:0"))) {
            assertThatThrownBy(() -> engine.apply(ApplyRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining(network + "-missing: lookup docker:Network (labels.team = \"platform\", "
                            + "name = \"" + network + "-missing\") found no object")
                    .hasMessageContaining("base: lookup docker:Image (image = \"converge/not-built:0\") found no object");
        }
        assertThat(client().listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of("converge.stack", stack)).exec()).as("nothing was created").isEmpty();
    }

    @Test
    void aNameThatOnlyContainsTheNetworksNameDoesNotMatch() {
        try (StackEngine engine = engine(program(network.substring(0, network.length() - 2), BUSYBOX))) {
            assertThatThrownBy(() -> engine.plan(PlanRequest.normal())).isInstanceOf(ConvergeException.class)
                    .hasMessageContaining("found no object");
        }
    }
}
