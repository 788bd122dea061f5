package dev.converge.examples.erlbank.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.api.Config;
import dev.converge.api.Declaration;
import dev.converge.api.Output;
import dev.converge.api.Ref;
import dev.converge.api.ResourceArgs;
import dev.converge.api.Scope;
import dev.converge.api.Stack;
import dev.converge.api.Unknown;
import dev.converge.providers.k8s.KubernetesProvider;
import dev.converge.spi.ValidateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the Erlbank-on-Kubernetes program declares, checked without a cluster: the resources, their
 * dependencies and the provider's validation. Applying it against a server is covered in
 * providers-k8s ({@code ConvergenceTest}) until the engine's command line runs.
 */
class ErlbankK8sTest {

    /** Records declarations in order, as the engine's stack would. */
    private static final class Recorder implements Stack {
        final Map<Address, Declaration> declared;
        final Map<String, Object> exports;
        final Address path;
        final Map<String, String> config;

        Recorder(Address path, Map<Address, Declaration> declared, Map<String, Object> exports,
                Map<String, String> config) {
            this.path = path;
            this.declared = declared;
            this.exports = exports;
            this.config = config;
        }

        @Override
        public String name() {
            return "dev";
        }

        @Override
        public void export(String name, Object value) {
            exports.put(name, value);
        }

        @Override
        public Address path() {
            return path;
        }

        @Override
        public <S extends ResourceArgs<S, O>, O> Ref<O> add(S resource) {
            Address address = path.child(resource.name());
            assertThat(declared.putIfAbsent(address, resource.declaration())).as("unique " + address).isNull();
            return Ref.of(address, resource.declaration().type(), resource::outputs);
        }

        @Override
        public Scope component(String name) {
            return new Recorder(path.child(name), declared, exports, config);
        }

        @Override
        public Config config() {
            return new Config() {
                @Override
                public String stack() {
                    return "dev";
                }

                @Override
                public Optional<String> get(String key) {
                    return Optional.ofNullable(config.get(key));
                }

                @Override
                public String require(String key) {
                    return config.getOrDefault(key, "");
                }

                @Override
                public Map<String, String> asMap() {
                    return config;
                }
            };
        }
    }

    private static Recorder declare(Map<String, String> config) {
        Recorder recorder = new Recorder(Address.root(), new LinkedHashMap<>(), new LinkedHashMap<>(), config);
        new ErlbankK8s().define(recorder);
        return recorder;
    }

    /** Outputs become Unknown, as at plan time before anything exists. */
    private static Object planned(Object value) {
        if (value instanceof Output<?>) {
            return Unknown.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), planned(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ErlbankK8sTest::planned).toList();
        }
        return value;
    }

    @Test
    @SuppressWarnings("unchecked")
    void declaresTheServicesAsDeploymentsAndServicesWithSettingsAndAnIngressInOneNamespace() {
        Recorder erlbank = declare(Map.of("erlbank.version", "2.1.0", "accounts.replicas", "3"));
        assertThat(erlbank.declared.keySet()).extracting(Address::toString).containsExactly("erlbank",
                "erlbank-settings", "deployments/accounts", "services/accounts", "deployments/transfers",
                "services/transfers", "deployments/statements", "services/statements", "erlbank-web",
                "erlbank-frontend", "deployments/frontend", "services/frontend");
        assertThat(erlbank.declared.get(Address.parse("deployments/accounts")).type()).isEqualTo("k8s:Deployment");
        assertThat(erlbank.declared.get(Address.parse("erlbank-web")).type()).isEqualTo("k8s:Ingress");
        Map<String, Object> spec = (Map<String, Object>) erlbank.declared.get(Address.parse("deployments/accounts"))
                .properties().get("spec");
        assertThat(spec).containsEntry("replicas", 3L);
        assertThat(spec.toString()).contains("image=erlbank/accounts:2.1.0");
        assertThat(erlbank.exports).containsEntry("url", "http://erlbank.local/accounts");
    }

    @Test
    void everyResourceDependsOnTheNamespaceAndTheIngressOnTheServices() {
        Recorder erlbank = declare(Map.of());
        erlbank.declared.forEach((address, declaration) -> {
            if (!address.toString().equals("erlbank")) {
                Object namespace = declaration.properties().get("namespace");
                assertThat(namespace).as(address + " namespace").isInstanceOfSatisfying(Output.class,
                        output -> assertThat(output.dependencies()).contains(Address.parse("erlbank")));
            }
        });
        String ingressRoutes = erlbank.declared.get(Address.parse("erlbank-web")).properties().get("spec").toString();
        assertThat(ingressRoutes).contains("path=/accounts", "path=/transfers", "path=/statements");
    }

    @Test
    void theFrontEndProxiesEveryServiceByItsNameAndWaitsForTheServices() {
        Recorder erlbank = declare(Map.of());
        String conf = ErlbankFrontend.nginxConf();
        for (String service : ErlbankK8s.SERVICES) {
            assertThat(conf).contains("location = /" + service + " {\n            proxy_pass http://" + service
                    + "/cgi-bin/info;");
        }
        assertThat(conf).doesNotContain("resolver").contains("location = /health");
        Declaration frontend = erlbank.declared.get(Address.parse("deployments/frontend"));
        assertThat(frontend.options().dependsOn()).extracting(Address::toString)
                .contains("services/accounts", "services/transfers", "services/statements");
        assertThat(frontend.properties().get("spec").toString()).contains("image=erlbank/frontend:1.0.0",
                "mountPath=/etc/nginx/nginx.conf", "path=/health");
    }

    @Test
    void theImagePullPolicyIsSetOnEveryContainerOnlyWhenConfigured() {
        Map<Address, Declaration> configured = declare(Map.of("erlbank.imagePullPolicy", "Never")).declared;
        Map<Address, Declaration> unset = declare(Map.of()).declared;
        for (String name : List.of("accounts", "transfers", "statements", "frontend")) {
            Address address = Address.parse("deployments/" + name);
            assertThat(configured.get(address).properties().get("spec").toString()).contains("imagePullPolicy=Never");
            assertThat(unset.get(address).properties().get("spec").toString()).doesNotContain("imagePullPolicy");
        }
    }

    @Test
    void theProviderFindsNothingToComplainAbout() {
        KubernetesProvider provider = new KubernetesProvider();
        declare(Map.of()).declared.forEach((address, declaration) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> inputs = (Map<String, Object>) planned(declaration.properties());
            assertThat(provider.validate(new ValidateRequest(address, declaration.type(), inputs)).diagnostics())
                    .as(address.toString()).isEmpty();
        });
    }
}
