package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Unknown;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes replace what, without Docker. */
class DockerDiffTest {

    private static Map<String, Object> inputs(ResourceArgs<?, ?> args) {
        return DockerDiff.schemaOf(args.declaration().type()).withDefaults(Values.normalizeMap(args.declaration().properties()));
    }

    private static DiffResponse diff(ResourceArgs<?, ?> before, ResourceArgs<?, ?> after) {
        return diff(before.declaration().type(), inputs(before), inputs(after));
    }

    private static DiffResponse diff(String type, Map<String, Object> prior, Map<String, Object> desired) {
        return DockerDiff.diff(new DiffRequest(Address.of("x"), type, "id", prior, Map.of(), desired));
    }

    private static DockerContainer accounts() {
        return DockerContainer.of("accounts").image("erlbank/accounts:1").env("LOG_LEVEL", "info").port(8080)
                .network("net").healthcheck("wget -q -O- localhost:8080");
    }

    @Test
    void identicalContainersHaveNoDiff() {
        assertThat(diff(accounts(), accounts()).hasChanges()).isFalse();
    }

    @Test
    void everyContainerChangeForcesReplacementCreatedFirst() {
        List<DockerContainer> changes = List.of(accounts().env("LOG_LEVEL", "debug"), accounts().image("erlbank/accounts:2"),
                accounts().command("sh"), accounts().memory(1L << 26), accounts().restart("always"), accounts().user("nobody"),
                accounts().readOnly(true), accounts().capAdd("NET_ADMIN"), accounts().tmpfs("/tmp", ""),
                accounts().label("a", "b"), accounts().port(9090), accounts().network("other"), accounts().cpus(1),
                accounts().mount("data", "/data", false), accounts().pidsLimit(10), accounts().entrypoint("sh"));
        for (DockerContainer changed : changes) {
            DiffResponse diff = diff(accounts(), changed);
            assertThat(diff.requiresReplacement()).as("%s", changed.declaration().properties()).isTrue();
            assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);
        }
    }

    @Test
    void envChangeIsReportedPerEntry() {
        DiffResponse diff = diff(accounts(), accounts().env("LOG_LEVEL", "debug"));
        assertThat(diff.diffs()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("env.LOG_LEVEL");
            assertThat(d.before()).isEqualTo("info");
            assertThat(d.after()).isEqualTo("debug");
            assertThat(d.forcesReplacement()).isTrue();
        });
    }

    @Test
    void fixedNameOrFixedHostPortDeletesFirst() {
        assertThat(diff(accounts().fixedName("acc"), accounts().fixedName("acc").env("X", "1")).replacementOrder())
                .isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThat(diff(accounts().port(80, 8080), accounts().port(80, 8080).env("X", "1")).replacementOrder())
                .isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
    }

    @Test
    void generatedNameInAReadBackIsNotDrift() {
        Map<String, Object> observed = new LinkedHashMap<>(inputs(accounts()));
        observed.put("name", "dev-accounts-a1b2c3");
        assertThat(diff(DockerSchemas.CONTAINER, observed, inputs(accounts())).hasChanges()).isFalse();
    }

    @Test
    void stoppedContainerForcesReplacement() {
        Map<String, Object> observed = new LinkedHashMap<>(inputs(accounts()));
        observed.put("running", false);
        DiffResponse diff = diff(DockerSchemas.CONTAINER, observed, inputs(accounts()));
        assertThat(diff.diffs()).extracting(PropertyDiff::path).containsExactly("running");
        assertThat(diff.requiresReplacement()).isTrue();
    }

    @Test
    void equalSettingsWrittenDifferentlyCompareEqual() {
        Map<String, Object> written = new LinkedHashMap<>(inputs(accounts()));
        written.put("ports", List.of(Map.of("internal", 8080)));                 // protocol left out
        written.put("cpus", 1L);
        written.put("capAdd", List.of("cap_net_admin"));
        written.put("env", Map.of("LOG_LEVEL", "info"));
        Map<String, Object> canonical = new LinkedHashMap<>(inputs(accounts()));
        canonical.put("cpus", 1.0d);
        canonical.put("capAdd", List.of("NET_ADMIN"));
        assertThat(diff(DockerSchemas.CONTAINER, written, canonical).hasChanges()).isFalse();
    }

    @Test
    void listOrderDockerDoesNotKeepIsIgnored() {
        DockerContainer ab = accounts().port(1).port(2).mount("a", "/a", false).mount("b", "/b", true);
        DockerContainer ba = accounts().mount("b", "/b", true).mount("a", "/a", false).port(2).port(1);
        assertThat(diff(ab, ba).hasChanges()).isFalse();
    }

    @Test
    void unknownImageIdIsAChangeThatReplaces() {
        Map<String, Object> desired = new LinkedHashMap<>(inputs(accounts()));
        desired.put("image", Unknown.INSTANCE);
        DiffResponse diff = diff(DockerSchemas.CONTAINER, inputs(accounts()), desired);
        assertThat(diff.diffs()).singleElement().satisfies(d -> assertThat(d.after()).isEqualTo(Unknown.INSTANCE));
        assertThat(diff.requiresReplacement()).isTrue();
    }

    @Test
    void networksAndVolumesAlwaysDeleteFirst() {
        DiffResponse network = diff(DockerNetwork.of("net"), DockerNetwork.of("net").internal(true));
        assertThat(network.requiresReplacement()).isTrue();
        assertThat(network.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        DiffResponse volume = diff(DockerVolume.of("data"), DockerVolume.of("data").driverOpt("type", "tmpfs"));
        assertThat(volume.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThat(diff(DockerVolume.of("data"), DockerVolume.of("data")).hasChanges()).isFalse();
    }

    @Test
    void imageRebuildsOnContextHashButOnlyRecordsAMovedContext() {
        Map<String, Object> prior = Map.of("image", "a:1", "context", "/old/place", "contextHash", "sha256:1");
        DiffResponse moved = diff(DockerSchemas.IMAGE, prior, Map.of("image", "a:1", "context", "/new/place",
                "contextHash", "sha256:1"));
        assertThat(moved.hasChanges()).isTrue();
        assertThat(moved.requiresReplacement()).isFalse();
        DiffResponse changed = diff(DockerSchemas.IMAGE, prior, Map.of("image", "a:1", "context", "/old/place",
                "contextHash", "sha256:2"));
        assertThat(changed.requiresReplacement()).isTrue();
        assertThat(changed.replacementOrder()).isEqualTo(ReplacementOrder.DEFAULT);
    }

    @Test
    void healthcheckDurationsAreStoredAsMillis() {
        DockerContainer checked = DockerContainer.of("a").image("i")
                .healthcheck(List.of("CMD", "true"), Duration.ofSeconds(2), Duration.ofMillis(500), 3, Duration.ZERO);
        assertThat(inputs(checked).get("healthcheck")).isEqualTo(Map.of("test", List.of("CMD", "true"),
                "intervalMillis", 2000L, "timeoutMillis", 500L, "retries", 3L));
    }
}
