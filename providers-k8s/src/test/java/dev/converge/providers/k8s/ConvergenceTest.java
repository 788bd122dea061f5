package dev.converge.providers.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.DiffRequest;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.Ownership;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.UpdateRequest;
import dev.converge.spi.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole program applied through the provider the way the engine does it (refresh by type, diff,
 * update), standing in for {@code apply} until the engine's command line runs: a second apply finds
 * nothing to change, and an out-of-band edit shows as drift and is repaired.
 */
class ConvergenceTest {

    /** Erlbank's shape: namespace, settings, and a Deployment and Service per service, plus an Ingress. */
    static final Program SHOP = stack -> {
        Ref<KubernetesObject> ns = stack.add(Namespace.of("shop"));
        Output<String> inNs = ns.output(KubernetesObject::name);
        Ref<KubernetesObject> settings = stack.add(ConfigMap.of("settings").namespace(inNs).data("LOG_LEVEL", "info"));
        Ingress ingress = Ingress.of("shop-web").namespace(inNs);
        for (String name : List.of("accounts", "transfers")) {
            stack.component("deployments").add(Deployment.of(name).namespace(inNs).image("shop/" + name + ":1")
                    .replicas(2L).port(8080).envFromConfigMap(settings.output(KubernetesObject::name)));
            Ref<KubernetesObject> service = stack.component("services").add(Service.of(name).namespace(inNs)
                    .selector("app", name).port(80, 8080));
            ingress = ingress.route("shop.local", "/" + name, service.output(KubernetesObject::name), 80);
        }
        stack.add(ingress);
    };

    private MockApiServer api;
    private KubernetesProvider provider;
    private FakeController controller;
    private final Map<Address, Map<String, Object>> outputs = new LinkedHashMap<>();
    private final Map<Address, Map<String, Object>> applied = new LinkedHashMap<>();
    private final Map<Address, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        api = new MockApiServer();
        provider = api.provider("dev", Map.of());
        controller = new FakeController(api.newClient());
    }

    @AfterEach
    void stop() throws Exception {
        controller.close();
        provider.close();
        api.close();
    }

    private Map<String, Object> desired(Declaration declaration) {
        Output.Resolver resolver = address -> Optional.ofNullable(outputs.get(address));
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) RecordingStack.resolve(declaration.properties(), resolver);
        return Kinds.require(declaration.type()).schema().withDefaults(Values.normalizeMap(resolved));
    }

    /** One apply: refresh what exists (one readMany per type), then create or update; returns the changes. */
    private List<String> apply(Map<Address, Declaration> program) {
        Map<Address, ReadResponse> refreshed = refresh(program);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<Address, Declaration> entry : program.entrySet()) {
            Address address = entry.getKey();
            Declaration declaration = entry.getValue();
            Map<String, Object> desired = desired(declaration);
            if (!ids.containsKey(address)) {
                var created = provider.create(new CreateRequest(address, declaration.type(), desired,
                        new Ownership("dev", address), Duration.ofSeconds(5)));
                ids.put(address, created.id());
                outputs.put(address, withId(created.outputs(), created.id()));
                changes.add("create " + address);
            } else {
                ReadResponse now = refreshed.get(address);
                DiffResponse diff = provider.diff(new DiffRequest(address, declaration.type(), ids.get(address),
                        now.inputs(), now.outputs(), desired));
                if (diff.hasChanges()) {
                    var updated = provider.update(new UpdateRequest(address, declaration.type(), ids.get(address),
                            applied.get(address), now.outputs(), desired, diff.diffs(), Duration.ofSeconds(5)));
                    outputs.put(address, withId(updated.outputs(), ids.get(address)));
                    diff.diffs().stream().map(PropertyDiff::path).forEach(p -> changes.add("update " + address + " " + p));
                } else {
                    outputs.put(address, withId(now.outputs(), ids.get(address)));
                }
            }
            applied.put(address, desired);
        }
        return changes;
    }

    private Map<Address, ReadResponse> refresh(Map<Address, Declaration> program) {
        Map<String, List<ReadRequest>> byType = new LinkedHashMap<>();
        program.forEach((address, declaration) -> {
            if (ids.containsKey(address)) {
                byType.computeIfAbsent(declaration.type(), t -> new ArrayList<>()).add(new ReadRequest(address,
                        declaration.type(), ids.get(address), applied.get(address), outputs.get(address)));
            }
        });
        Map<Address, ReadResponse> result = new LinkedHashMap<>();
        byType.forEach((type, reads) -> result.putAll(provider.readMany(new ReadManyRequest(type, reads)).results()));
        return result;
    }

    private static Map<String, Object> withId(Map<String, Object> values, String id) {
        Map<String, Object> result = new LinkedHashMap<>(values);
        result.put("id", id);
        return result;
    }

    @Test
    void aSecondApplyChangesNothingAndAnOutOfBandEditIsRepaired() {
        Map<Address, Declaration> program = RecordingStack.declare(SHOP, "dev", Map.of());
        assertThat(apply(program)).hasSize(program.size()).allSatisfy(change -> assertThat(change).startsWith("create"));
        // What the API server and controllers would add meanwhile must not count as change.
        api.admin().services().inNamespace("shop").withName("accounts").edit(service -> {
            service.getSpec().setClusterIP("10.0.0.17");
            service.getSpec().setSessionAffinity("None");
            return service;
        });
        assertThat(apply(program)).isEmpty();

        api.admin().apps().deployments().inNamespace("shop").withName("transfers")
                .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("hacked:1"); return d; });
        assertThat(apply(program)).containsExactly("update deployments/transfers spec.template.spec.containers");
        assertThat(api.admin().apps().deployments().inNamespace("shop").withName("transfers").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("shop/transfers:1");
        assertThat(apply(program)).isEmpty();
        assertThat(outputs.get(Address.parse("services/accounts"))).containsEntry("clusterIP", "10.0.0.17");
    }
}
