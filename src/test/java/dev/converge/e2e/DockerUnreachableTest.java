package dev.converge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan or apply against a Docker socket nobody listens on: a clear error naming it, and no state. */
class DockerUnreachableTest {

    @TempDir
    Path dir;

    private final Program program = stack -> {
        var net = stack.add(DockerNetwork.of("net1"));
        stack.add(DockerContainer.of("web").image("converge/busybox:1").network(net));
    };

    private String run(int expectedCode, String... args) {
        Path socket = dir.resolve("nobody-listens.sock");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Converge.builder(program).workDir(dir).output(print, print)
                .environment(Map.of("CONVERGE_DOCKER_HOST", "unix://" + socket)).build().run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(expectedCode);
        assertThat(text).contains(socket.toString()).contains("cannot reach the Docker daemon").doesNotContain("\tat ");
        return text;
    }

    @Test
    void planAndApplyFailWithTheSocketNamedAndWriteNoState() {
        run(1, "plan");
        run(1, "apply", "--auto-approve");
        assertThat(dir.resolve(".converge/dev/state.json")).doesNotExist();
        assertThat(dir.resolve(".converge/dev/journal.log")).doesNotExist();
    }
}
