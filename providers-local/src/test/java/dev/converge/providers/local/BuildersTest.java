package dev.converge.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Output;
import dev.converge.api.Unknown;
import dev.converge.spi.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void fileBuilderIsImmutableAndDeclaresItsProperties() {
        LocalFile base = LocalFile.of("config").path("run/app.properties");
        LocalFile templated = base.content("greeting=${g}").var("g", "Hi").mode("0600");
        assertThat(base.declaration().properties()).containsOnlyKeys("path");
        assertThat(templated.declaration().type()).isEqualTo("local:File");
        assertThat(templated.declaration().properties()).containsEntry("vars", Map.of("g", "Hi"))
                .containsEntry("mode", "0600").containsEntry("content", "greeting=${g}");
    }

    @Test
    void processBuilderKeepsOutputsAsGraphEdges() {
        Output<String> path = Output.of("/tmp/x");
        LocalProcess process = LocalProcess.of("web").command("java", "-jar", "web.jar").arg("--verbose")
                .env("PORT", "8080").env("CONFIG_FILE", path).httpCheck("http://127.0.0.1:8080/health");
        Map<String, Object> properties = process.declaration().properties();
        assertThat(properties.get("command")).isEqualTo(List.of("java", "-jar", "web.jar"));
        assertThat(properties.get("args")).isEqualTo(List.of("--verbose"));
        assertThat(((Map<?, ?>) properties.get("env")).get("CONFIG_FILE")).isSameAs(path);
        assertThat(process.declaration().provider()).isEqualTo("local");
    }

    @Test
    void javaMainRunsTheClassWithThisJvmAndTheClassesItCameFrom() throws Exception {
        LocalProcess process = LocalProcess.of("stub").javaMain(TestServer.class);

        List<Object> command = List.copyOf((List<?>) process.declaration().properties().get("command"));
        assertThat(command).hasSize(4);
        assertThat(Path.of((String) command.get(0))).isEqualTo(Path.of(ProcessHandle.current().info().command().get()));
        assertThat(command.subList(1, 4)).containsExactly("-cp",
                Path.of(TestServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                TestServer.class.getName());
        assertThat(command.get(2).toString()).endsWith("test-classes");
    }

    @Test
    void typedViewsReadOutputsAndTolerateUnknowns() {
        LocalProcess.Outputs outputs = LocalProcess.of("p").outputs(Map.of("id", "12", "pid", 12L,
                "startTime", 99L, "stdoutLog", "/l/p.out.log", "stderrLog", Unknown.INSTANCE));
        assertThat(outputs).isEqualTo(new LocalProcess.Outputs("12", 12, 99, "/l/p.out.log", null));
        assertThat(LocalFile.of("f").outputs(Map.of("path", "/a", "sha256", "ab", "size", 3L)).size()).isEqualTo(3);
        assertThat(LocalDirectory.of("d").outputs(Map.of("id", "/d", "path", "/d")).path()).isEqualTo("/d");
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        assertThat(ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals("local")).findFirst())
                .get().isInstanceOf(LocalProvider.class)
                .satisfies(provider -> assertThat(Provider.typeNames(provider.schemas()))
                        .containsExactly("local:File", "local:Directory", "local:Process"));
    }
}
