package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.converge.api.Program;
import dev.converge.api.Stack;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerVolume;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Releases and rollback of a plain container on Docker; a volume holding data is never lost silently. */
class RollbackIT extends DeployItSupport {

    /** One container; from version 2 on also a volume that holds data. */
    record App(String image, String version, boolean withData) implements Program {
        @Override
        public void define(Stack stack) {
            DockerContainer app = DockerContainer.of("app").image(image).env("VERSION", version).init(true)
                    .command("sleep", "3600");
            if (withData) {
                var data = stack.add(DockerVolume.of("data").holdsData());
                app = app.volume(data, "/data");
            }
            stack.add(app);
        }
    }

    private InspectContainerResponse app() {
        var found = docker.listContainersCmd().withLabelFilter(Map.of("converge.stack", stack,
                "converge.address", "app")).exec();
        assertThat(found).hasSize(1);
        return docker.inspectContainerCmd(found.get(0).getId()).exec();
    }

    @Test
    void rollbackRestoresImageAndConfigPinsTheStackAndGuardsData() {
        App v1 = new App("converge/busybox:1", "1", false);
        App v2 = new App("converge/nginx:1", "2", true);
        assertThat(apply(v1).exitCode()).isZero();
        assertThat(apply(v2).exitCode()).isZero();
        assertThat(app().getConfig().getImage()).isEqualTo("converge/nginx:1");

        Run refused = run(v2, "rollback", "--auto-approve");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("data", "would destroy a resource that holds data", "--allow-data-changes");
        assertThat(app().getConfig().getImage()).as("nothing changed").isEqualTo("converge/nginx:1");

        Run rollback = run(v2, "rollback", "--auto-approve", "--allow-data-changes");
        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("pinned to serial");
        InspectContainerResponse restored = app();
        assertThat(restored.getConfig().getImage()).isEqualTo("converge/busybox:1");
        assertThat(Arrays.asList(restored.getConfig().getEnv())).contains("VERSION=1");

        Run pinned = apply(v2);
        assertThat(pinned.exitCode()).isNotZero();
        assertThat(pinned.err()).contains("pinned to serial", "--unpin");
        assertThat(app().getConfig().getImage()).isEqualTo("converge/busybox:1");

        Run releases = run(v2, "releases");
        assertThat(releases.out()).contains("rollback->", "app=converge/busybox:1", "app=converge/nginx:1");
        Run stats = run(v2, "releases", "--stats");
        assertThat(stats.out()).contains("Releases:               3", "Change-fail rate:       33%");

        // Rolling forward with changed code lifts the pin.
        Run forward = apply(new App("converge/nginx:1", "3", false));
        assertThat(forward.exitCode()).as(forward.all()).isZero();
        assertThat(Arrays.asList(app().getConfig().getEnv())).contains("VERSION=3");
        assertThat(List.of(run(v2, "releases").out().split("\n"))).hasSize(5);
    }
}
