package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.converge.api.Program;
import dev.converge.e2e.docker.TestDaemon;
import dev.converge.testing.RequiredServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the deployment integration tests against the real dockerd of scripts/docker/start-dockerd.sh:
 * without DOCKER_HOST they skip, or fail under CONVERGE_REQUIRE_SERVERS=1 ({@link RequiredServer}); a
 * daemon that does not answer fails them. Each test has its own stack and working directory, runs the
 * CLI in-process, and removes everything labelled with its stack afterwards.
 */
abstract class DeployItSupport {

    /** What one CLI command returned and printed. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Path workDir;
    String stack;
    DockerClient docker;

    @BeforeEach
    void setUp() throws Exception {
        docker = TestDaemon.connect();
        workDir = Files.createTempDirectory("converge-deploy-it");
        stack = "d" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (docker == null || workDir == null) {
            return; // setUp failed already, with the reason
        }
        run(DeployProgram.of("bluegreen", "cleanup"), "destroy", "--auto-approve");
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("converge.stack", stack)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && stack.equals(n.getLabels().get("converge.stack")))
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        docker.listVolumesCmd().exec().getVolumes().stream()
                .filter(v -> v.getName().startsWith(stack + "-"))
                .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        docker.close();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Runs a CLI command for {@code program} on this test's stack. */
    Run run(Program program, String... args) {
        StackCommand run = StackCommand.run(program, workDir, stack, args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    Run apply(Program program) {
        return run(program, "apply", "--auto-approve");
    }

    /** Applies and expects success; returns the service's client endpoint. */
    String released(Program program) {
        Run run = apply(program);
        assertThat(run.exitCode()).as(run.all()).isZero();
        Run endpoint = run(program, "output", "endpoint");
        return endpoint.out().strip();
    }

    /** The answers of {@code count} requests sent from now on. */
    static List<TrafficClient.Result> sample(TrafficClient client, int count) throws InterruptedException {
        return client.next(client.results().size(), count);
    }
}
