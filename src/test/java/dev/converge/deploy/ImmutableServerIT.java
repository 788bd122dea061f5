package dev.converge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.providers.docker.DockerContainer;
import dev.converge.providers.docker.DockerVolume;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An immutable server on Docker: any change replaces the container (never an in-place change), while
 * its data lives on a {@code holdsData()} volume that the replacement mounts again. Each start appends
 * a line to a log on the volume, served over HTTP, so the test sees the data outlive the container.
 */
class ImmutableServerIT extends DeployItSupport {

    /**
     * Every change of a Docker container replaces it anyway; {@code immutable()} states it, and makes it
     * hold for resources that could change in place (an EC2 instance's type, say).
     */
    private static Program server(String version) {
        return stack -> {
            var data = stack.add(DockerVolume.of("data").holdsData());
            var server = stack.add(DockerContainer.of("server").image("converge/busybox:1").init(true)
                    .env("VERSION", version).volume(data, "/data").port(80)
                    .command("sh", "-c", "echo started $VERSION >> /data/log && exec httpd -f -p 80 -h /data")
                    .immutable());
            stack.export("port", server.output(s -> s.publishedPort(80)));
            stack.export("container", server.output(DockerContainer.Outputs::id));
        };
    }

    @Test
    void aChangeReplacesTheServerAndItsDataStaysOnTheVolume() throws Exception {
        assertThat(apply(server("v1")).exitCode()).isZero();
        String first = run(server("v1"), "output", "container").out().strip();
        assertThat(log(server("v1"))).isEqualTo("started v1\n");

        Run plan = run(server("v2"), "plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("server must be replaced").doesNotContain("data must be replaced")
                .doesNotContain("data will be destroyed");
        Run applied = apply(server("v2"));
        assertThat(applied.exitCode()).as(applied.all()).isZero();

        assertThat(run(server("v2"), "output", "container").out().strip()).isNotEqualTo(first);
        assertThat(log(server("v2"))).isEqualTo("started v1\nstarted v2\n");
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("converge.stack", stack))
                .exec()).hasSize(1);
    }

    private String log(Program program) throws Exception {
        String port = run(program, "output", "port").out().strip();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/log")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
