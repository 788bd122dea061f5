package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.EngineEvent;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.testing.RequiredServer;
import dev.converge.testing.wire.ErrorStyle;
import dev.converge.testing.wire.FaultProxy;
import dev.converge.testing.wire.RetryAfterHeader;
import dev.converge.testing.wire.WireChecks;
import dev.converge.testing.wire.WireFaults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applies through a {@link FaultProxy} in front of the real kube-apiserver ({@code KUBERNETES}'s, started by
 * {@code scripts/k8s/start-control-plane.sh}), one kind of fault per test. The proxy serves TLS with the API
 * server's own certificate and speaks TLS to it with the admin's client certificate, so it sees the HTTP and
 * answers in the API server's style ({@code Status}, {@code retryAfterSeconds}). A stack of ConfigMaps,
 * Secrets, ServiceAccounts and Services is created, then changed (updates, deletes, creates), each apply
 * through the faults; each must succeed with nothing failed; the API server, asked directly, holds exactly the
 * declared objects of the stack (none lost, none extra), and a plan against it directly is empty. Each test
 * checks that its faults were injected and retried.
 */
class KubernetesWireFaultsIT {

    @RegisterExtension
    static final RequiredServer SERVER = RequiredServer.KUBERNETES;

    @TempDir
    Path dir;

    /** The shared faults, and the API server's own 429 {@code Status} with {@code retryAfterSeconds}. */
    static Stream<Arguments> faults() {
        return WireChecks.faults(15, Map.of("25% 429 TooManyRequests with retryAfterSeconds 1",
                WireFaults.none().withThrottling(0.25, RetryAfterHeader.seconds(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void appliesThroughTheFaultsFailNothingAndDuplicateNothing(String name, WireFaults faults) throws IOException {
        String stack = "kw" + UUID.randomUUID().toString().substring(0, 6);
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        Config config = Config.autoConfigure(null);
        URI server = URI.create(config.getMasterUrl());
        Path pki = Path.of(config.getCaCertFile()).getParent();
        try (KubernetesClient direct = new KubernetesClientBuilder().withConfig(config).build();
                FaultProxy proxy = FaultProxy.to(server.getHost(), server.getPort()).style(ErrorStyle.KUBERNETES)
                        .tlsFront(pki.resolve("apiserver.crt"), pki.resolve("apiserver.key"))
                        .tlsBackend(Path.of(config.getCaCertFile()), Path.of(config.getClientCertFile()),
                                Path.of(config.getClientKeyFile()))
                        .faults(faults).start()) {
            for (int version = 1; version <= 2; version++) {
                proxy.faults(faults); // the outage's request count starts afresh for each apply
                ApplyResult result = apply(stack, version, proxy.url(), events);
                assertThat(result.failures()).as("%s, v%d: failed resources", name, version).isEmpty();
                assertThat(result.status()).as(name).isEqualTo(ApplyResult.Status.APPLIED);
                assertThat(live(direct, stack)).as("%s, v%d: the stack's objects in the API server", name, version)
                        .isEqualTo(expected(stack, version));
            }
            Plan next = plan(stack, 2, config.getMasterUrl());
            assertThat(next.summary().isEmpty()).as("%s: the plan against the API server directly is empty: %s",
                    name, next.changes()).isTrue();
            System.out.printf("WIRE FAULTS k8s [%s]: %s%n", name, WireChecks.summary(proxy, events));
            WireChecks.assertFaultsMet(name, faults, proxy, events, false);
            destroy(stack, config.getMasterUrl());
        }
    }

    /** Version 2 updates two ConfigMaps, a Secret and a Service, deletes a ConfigMap and an account, adds one of each. */
    private static Program program(String stack, int version) {
        return program -> {
            IntStream.range(0, 7).filter(i -> version == 1 ? i < 6 : i != 2).forEach(i -> program.add(
                    ConfigMap.of(stack + "-settings-" + i).data("level", i < 2 ? "v" + version : "v1")));
            IntStream.range(0, 4).forEach(i -> program.add(Secret.of(stack + "-secret-" + i)
                    .data("password", i == 0 ? "pw-v" + version : "pw")));
            IntStream.range(0, 4).filter(i -> version == 1 ? i < 3 : i != 1).forEach(i -> program.add(
                    ServiceAccount.of(stack + "-account-" + i)));
            IntStream.range(0, 3).forEach(i -> program.add(Service.of(stack + "-service-" + i).selector("app", "a" + i)
                    .port(80, i == 0 && version == 2 ? 8081 : 8080)));
        };
    }

    /** The names {@link #live} finds for version {@code version}, each once. */
    private static Map<String, Long> expected(String stack, int version) {
        Map<String, Long> names = new TreeMap<>();
        IntStream.range(0, 7).filter(i -> version == 1 ? i < 6 : i != 2)
                .forEach(i -> names.put("ConfigMap " + stack + "-settings-" + i, 1L));
        IntStream.range(0, 4).forEach(i -> names.put("Secret " + stack + "-secret-" + i, 1L));
        IntStream.range(0, 4).filter(i -> version == 1 ? i < 3 : i != 1)
                .forEach(i -> names.put("ServiceAccount " + stack + "-account-" + i, 1L));
        IntStream.range(0, 3).forEach(i -> names.put("Service " + stack + "-service-" + i, 1L));
        return names;
    }

    /** The objects labelled with the stack in the API server, asked directly: kind and name, how often. */
    private static Map<String, Long> live(KubernetesClient direct, String stack) {
        Map<String, Long> names = new TreeMap<>();
        Stream.of(direct.configMaps(), direct.secrets(), direct.serviceAccounts(), direct.services())
                .flatMap(kind -> kind.inNamespace("default").withLabel(Labels.STACK, stack).list().getItems().stream()
                        .map(HasMetadata.class::cast))
                .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                .forEach(o -> names.merge(o.getKind() + " " + o.getMetadata().getName(), 1L, Long::sum));
        return names;
    }

    private ApplyResult apply(String stack, int version, String server, List<EngineEvent> events) throws IOException {
        try (StackEngine engine = engine(stack, program(stack, version), server, events)) {
            return engine.apply(ApplyRequest.normal());
        }
    }

    private Plan plan(String stack, int version, String server) throws IOException {
        try (StackEngine engine = engine(stack, program(stack, version), server, new CopyOnWriteArrayList<>())) {
            return engine.plan(PlanRequest.normal());
        }
    }

    /** Leaves the shared control plane as it was. */
    private void destroy(String stack, String server) throws IOException {
        try (StackEngine engine = engine(stack, program -> { }, server, new CopyOnWriteArrayList<>())) {
            assertThat(engine.apply(ApplyRequest.normal()).failures()).as("clean-up").isEmpty();
        }
    }

    private StackEngine engine(String stack, Program program, String server, List<EngineEvent> events)
            throws IOException {
        Files.writeString(dir.resolve("converge." + stack + ".properties"), "k8s.namespace=default\n"
                + "k8s.pollMillis=100\nk8s.masterUrl=" + server + "\n");
        Path key = dir.resolve("secrets.key"); // the Secrets' values are stored encrypted
        if (!Files.exists(key)) {
            Files.writeString(key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        }
        return Converge.engine(program).stack(stack).workDir(dir).serviceLoader(false)
                .providers(new KubernetesProvider()).environment(Map.of("CONVERGE_SECRETS_KEY_FILE", key.toString()))
                .releaseLog(false)
                .listener(events::add).build();
    }
}
