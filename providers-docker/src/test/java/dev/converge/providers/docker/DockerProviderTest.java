package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.Diagnostic;
import dev.converge.spi.ConfigureRequest;
import dev.converge.spi.Provider;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ValidateRequest;
import dev.converge.spi.Values;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Provider behaviour that needs no Docker daemon. */
class DockerProviderTest {

    @Test
    void isFoundByServiceLoaderWithItsTypes() {
        List<Provider> providers = ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("docker")).toList();
        assertThat(providers).singleElement().isInstanceOf(DockerProvider.class);
        assertThat(Provider.typeNames(providers.get(0).schemas()))
                .containsExactly("docker:Image", "docker:Network", "docker:Volume", "docker:Container");
    }

    @Test
    void unreachableSocketFailsWithAMessageNamingIt() {
        DockerProvider provider = new DockerProvider();
        String socket = "unix:///tmp/converge-no-such-dir/docker.sock";
        assertThatThrownBy(() -> provider.configure(new ConfigureRequest("dev", Map.of("docker.host", socket), Path.of("."))))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining(socket)
                .hasMessageContaining("start-dockerd.sh");
    }

    @Test
    void hostComesFromSettingThenEnvironmentThenDefault() {
        assertThat(DockerConnection.resolveHost(Optional.of("tcp://a:1"), "unix:///b")).isEqualTo("tcp://a:1");
        assertThat(DockerConnection.resolveHost(Optional.empty(), "unix:///b")).isEqualTo("unix:///b");
        assertThat(DockerConnection.resolveHost(Optional.of(" "), null)).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void operationsBeforeConfigureAreABrokenPrecondition() {
        assertThatThrownBy(() -> new DockerProvider().read(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }

    private static List<Diagnostic> validate(DockerContainer container) {
        return new DockerProvider().validate(new ValidateRequest(Address.of(container.name()),
                DockerSchemas.CONTAINER, Values.normalizeMap(container.declaration().properties()))).diagnostics();
    }

    @Test
    void validationFindsBadSettingsWithoutDocker() {
        assertThat(validate(DockerContainer.of("ok").image("i").port(80).restart("on-failure:3"))).isEmpty();
        assertThat(validate(DockerContainer.of("a").port(80))).extracting(Diagnostic::summary)
                .containsExactly("missing required property 'image'");
        assertThat(validate(DockerContainer.of("a").image("i").restart("sometimes"))).extracting(Diagnostic::summary)
                .containsExactly("invalid restart policy");
        assertThat(validate(DockerContainer.of("a").image("i").port(70000))).hasSize(1);
        assertThat(validate(DockerContainer.of("a").image("i").capAdd("FLY"))).extracting(Diagnostic::summary)
                .containsExactly("unknown capability FLY in capAdd");
        assertThat(validate(DockerContainer.of("a").image("i").mount("data", "relative", false))).hasSize(1);
        assertThat(validate(DockerContainer.of("a").image("i").fixedName("bad name"))).hasSize(1);
    }

    @Test
    void typedOutputsReadTheProviderMap() {
        DockerContainer.Outputs outputs = DockerContainer.of("a").outputs(Map.of("id", "c1", "name", "dev-a-1",
                "ipAddress", "172.18.0.2", "publishedPorts", Map.of("80/tcp", 32768L)));
        assertThat(outputs.name()).isEqualTo("dev-a-1");
        assertThat(outputs.publishedPort(80)).isEqualTo(32768L);
        assertThat(outputs.publishedPort(81)).isEqualTo(-1L);
    }
}
