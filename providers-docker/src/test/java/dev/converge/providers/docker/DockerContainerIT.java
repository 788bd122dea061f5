package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerContainerIT extends DockerItSupport {

    private static DockerContainer server(String name) {
        return DockerContainer.of(name).image(BUSYBOX).init(true)
                .command("httpd", "-f", "-p", "8080", "-h", "/tmp")
                .env("NODE_NAME", name).env("LOG_LEVEL", "info").label("team", "bank");
    }

    @Test
    void createsReadsBackWithoutDriftAndDeletes() {
        DockerContainer args = server("accounts").port(8080).memory(64L * 1024 * 1024).cpus(0.5).pidsLimit(100)
                .restart("unless-stopped").tmpfs("/run", "size=1m").capAdd("NET_ADMIN").capDrop("MKNOD")
                .user("nobody").hostname("accounts-host").stopTimeout(Duration.ofSeconds(2));
        CreateResponse created = create(args);
        assertThat(created.outputs()).containsEntry("running", true).containsKey("ipAddress");
        assertThat(((Map<?, ?>) created.outputs().get("publishedPorts")).get("8080/tcp")).isInstanceOf(Long.class);

        ReadResponse read = read(args, created);
        assertThat(read.exists()).isTrue();
        DiffResponse drift = diff(args, read.inputs(), args);
        assertThat(drift.diffs()).as("read-back of %s", read.inputs()).isEmpty();

        assertThat(delete(args, created).alreadyGone()).isFalse();
        assertThat(read(args, created).exists()).isFalse();
        assertThat(delete(args, created).alreadyGone()).isTrue();
    }

    @Test
    void stoppedOutOfBandShowsAsDriftThatForcesReplacement() {
        DockerContainer args = server("transfers");
        CreateResponse created = create(args);
        client().stopContainerCmd(created.id()).withTimeout(1).exec();

        ReadResponse read = read(args, created);
        assertThat(read.exists()).isTrue();
        assertThat(read.inputs()).containsEntry("running", false);
        DiffResponse drift = diff(args, read.inputs(), args);
        assertThat(drift.diffs()).extracting(PropertyDiff::path).containsExactly("running");
        assertThat(drift.requiresReplacement()).isTrue();
    }

    @Test
    void removedOutOfBandReadsAsGone() {
        DockerContainer args = server("statements");
        CreateResponse created = create(args);
        client().removeContainerCmd(created.id()).withForce(true).exec();
        assertThat(read(args, created).exists()).isFalse();
        assertThat(delete(args, created).alreadyGone()).isTrue();
    }

    @Test
    void replacementRunsBesideTheOldContainerAndBothAnswerOnTheAlias() {
        DockerContainer before = server("accounts");
        DockerContainer after = server("accounts").env("LOG_LEVEL", "debug");
        CreateResponse old = create(before);
        DiffResponse diff = diff(before, read(before, old).inputs(), after);
        assertThat(diff.diffs()).extracting(PropertyDiff::path).containsExactly("env.LOG_LEVEL");
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);

        CreateResponse replacement = create(after);
        assertThat(replacement.outputs().get("name")).isNotEqualTo(old.outputs().get("name"));
        assertThat(read(before, old).exists()).isTrue();
        delete(before, old);
        assertThat(read(after, replacement).inputs()).extracting(in -> ((Map<?, ?>) in.get("env")).get("LOG_LEVEL"))
                .isEqualTo("debug");
    }

    @Test
    void fixedNameOrHostPortReplacesDeleteFirst() {
        DockerContainer named = server("front").fixedName(stack + "-front");
        CreateResponse created = create(named);
        assertThat(created.outputs()).containsEntry("name", stack + "-front");
        DiffResponse diff = diff(named, read(named, created).inputs(), named.env("LOG_LEVEL", "warn"));
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThatThrownBy(() -> create(named)).isInstanceOf(ProviderException.class)
                .hasMessageContaining(stack + "-front").hasMessageContaining("already in use");
    }

    @Test
    void exitedContainerFailsWithItsLogsAndIsRemoved() {
        DockerContainer args = DockerContainer.of("broken").image(BUSYBOX)
                .command("sh", "-c", "echo cannot open config file /etc/broken.conf; exit 3");
        assertThatThrownBy(() -> create(args)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("broken").hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot open config file");
        assertThat(provider.findOwned(new FindOwnedRequest(stack, Set.of(DockerSchemas.CONTAINER))).objects()).isEmpty();
    }

    @Test
    void waitsForHealthyAndFailsWhenUnhealthy() {
        DockerContainer healthy = server("healthy").healthcheck(List.of("CMD-SHELL", "test -f /tmp/ready"),
                Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ofSeconds(10))
                .command("sh", "-c", "sleep 1; touch /tmp/ready; exec httpd -f -p 8080 -h /tmp");
        CreateResponse created = create(healthy);
        assertThat(client().inspectContainerCmd(created.id()).exec().getState().getHealth().getStatus())
                .isEqualTo("healthy");
        assertThat(diff(healthy, read(healthy, created).inputs(), healthy).diffs()).isEmpty();

        DockerContainer sick = server("sick").healthcheck(List.of("CMD-SHELL", "echo no database; exit 1"),
                Duration.ofMillis(200), Duration.ofSeconds(1), 2, Duration.ZERO);
        assertThatThrownBy(() -> create(sick)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("unhealthy").hasMessageContaining("no database");
    }

    @Test
    void servicesFindEachOtherByResourceNameOnTheirNetwork() {
        DockerNetwork net = DockerNetwork.of("net");
        CreateResponse network = create(net);
        String netName = (String) network.outputs().get("name");
        create(server("accounts").network(netName, "accounts.bank"));
        DockerContainer client = DockerContainer.of("probe").image(BUSYBOX).network(netName)
                .command("sh", "-c", "nslookup accounts && nslookup accounts.bank && sleep 600").init(true);
        CreateResponse probe = create(client);
        assertThat(read(client, probe).inputs().get("networks"))
                .isEqualTo(List.of(Map.of("name", netName, "aliases", List.of())));
    }

    @Test
    void importsByNameAndFindsOwned() {
        DockerContainer args = server("accounts");
        CreateResponse created = create(args);
        String name = (String) created.outputs().get("name");
        ImportResponse imported = provider.importResource(new ImportRequest(Address.of("accounts"),
                DockerSchemas.CONTAINER, name, owner("accounts")));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.id()).isEqualTo(created.id());
        assertThat(imported.inputs()).containsEntry("image", BUSYBOX)
                .containsEntry("command", List.of("httpd", "-f", "-p", "8080", "-h", "/tmp"));
        assertThat(provider.importResource(new ImportRequest(Address.of("x"), DockerSchemas.CONTAINER,
                "no-such-container", owner("x"))).exists()).isFalse();

        List<OwnedObject> owned = provider.findOwned(new FindOwnedRequest(stack, Set.of(DockerSchemas.CONTAINER)))
                .objects();
        assertThat(owned).extracting(OwnedObject::address).containsExactly(Address.of("accounts"));
        assertThat(owned.get(0).id()).isEqualTo(created.id());
    }
}
