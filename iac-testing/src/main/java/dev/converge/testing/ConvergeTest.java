package dev.converge.testing;

import dev.converge.api.Address;
import dev.converge.api.Program;
import dev.converge.engine.Converge;
import dev.converge.engine.automation.ApplyRequest;
import dev.converge.engine.automation.ApplyResult;
import dev.converge.engine.automation.PlanRequest;
import dev.converge.engine.automation.StackEngine;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.PlanOptions;
import dev.converge.engine.policy.Policy;
import dev.converge.engine.policy.Violation;
import dev.converge.engine.state.State;
import dev.converge.spi.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Plans and applies a program in memory, in milliseconds and without any server: each real provider
 * is wrapped in an {@link InMemoryCloud} (its own schema, validation and diff code; objects kept in
 * memory) and state lives in an {@link InMemoryStateBackend}. One instance is one stack of one
 * cloud: successive {@code apply} calls build on each other, as they would against a real system.
 * Each call runs the Automation API ({@link StackEngine}) as the command line does. Not thread-safe.
 *
 * <pre>{@code
 * var kit = ConvergeTest.with(new DockerProvider()).config("accounts.version", "1.2");
 * kit.apply(new Erlbank());
 * assertThat(kit.plan(new Erlbank())).hasNoChanges();
 * }</pre>
 *
 * Planning problems (validation, cycles, missing configuration, mandatory policy violations) are
 * thrown as {@link dev.converge.engine.ConvergeException} listing every problem.
 */
public final class ConvergeTest {

    private final List<Provider> providers;
    private final InMemoryStateBackend backend = new InMemoryStateBackend();
    private final Map<String, String> config = new TreeMap<>();
    private final List<Policy> policies = new ArrayList<>();
    private String stack = "test";

    private ConvergeTest(List<Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * A kit over these providers: real ones are wrapped in an {@link InMemoryCloud}; an
     * {@code InMemoryCloud} or {@link FakeProvider} is used as it is.
     */
    public static ConvergeTest with(Provider... providers) {
        List<Provider> wrapped = new ArrayList<>();
        for (Provider provider : providers) {
            wrapped.add(provider instanceof InMemoryCloud || provider instanceof FakeProvider ? provider
                    : InMemoryCloud.of(provider));
        }
        return new ConvergeTest(wrapped);
    }

    /** A kit over every provider on the class path (found by ServiceLoader), each in an in-memory cloud. */
    public static ConvergeTest withDiscoveredProviders() {
        List<Provider> found = new ArrayList<>();
        ServiceLoader.load(Provider.class).forEach(found::add);
        return with(found.toArray(Provider[]::new));
    }

    /** Plans {@code program} with {@code config} against empty in-memory clouds of every discovered provider. */
    public static Plan plan(Program program, Map<String, String> config) {
        return withDiscoveredProviders().config(config).plan(program);
    }

    /** Applies {@code program} with {@code config} to empty in-memory clouds of every discovered provider. */
    public static Applied apply(Program program, Map<String, String> config) {
        return withDiscoveredProviders().config(config).apply(program);
    }

    public ConvergeTest stack(String name) {
        stack = name;
        return this;
    }

    /** Adds stack configuration keys, as in {@code converge.<stack>.properties}. */
    public ConvergeTest config(Map<String, String> values) {
        config.putAll(values);
        return this;
    }

    /** Replaces the whole stack configuration (for switching between program variants). */
    public ConvergeTest withConfig(Map<String, String> values) {
        config.clear();
        config.putAll(values);
        return this;
    }

    public ConvergeTest config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Policies checked on every plan and apply, as {@code Converge.builder(...).policies(...)} does. */
    public ConvergeTest policies(Policy... more) {
        policies.addAll(List.of(more));
        return this;
    }

    public ConvergeTest policies(List<Policy> more) {
        policies.addAll(more);
        return this;
    }

    /** The plan of {@code program} against the current state (refreshed from the in-memory clouds). */
    public Plan plan(Program program) {
        return plan(program, PlanOptions.normal());
    }

    public Plan plan(Program program, PlanOptions options) {
        try (StackEngine engine = engine(program, true)) {
            return engine.plan(PlanRequest.of(options));
        }
    }

    /** Plans and applies {@code program}; a failed resource shows in {@link Applied#result()}. */
    public Applied apply(Program program) {
        return run(program, false);
    }

    /** Plans and applies the destruction of every resource of the stack. */
    public Applied destroy(Program program) {
        return run(program, true);
    }

    /** Every violation of the kit's policies (advisory and mandatory) by {@code program}, without throwing. */
    public List<Violation> violations(Program program) {
        try (StackEngine engine = engine(program, true)) {
            return engine.violations(PlanRequest.normal());
        }
    }

    /** The stack's stored state. */
    public State state() {
        try (StackEngine engine = engine(stack -> { }, false)) {
            return engine.state();
        }
    }

    /** Every object in every in-memory cloud (those of named provider configurations too), by address. */
    public Map<Address, CloudObject> resources() {
        Map<Address, CloudObject> all = new TreeMap<>();
        for (Provider provider : providers) {
            if (provider instanceof InMemoryCloud cloud) {
                all.putAll(cloud.objects());
                cloud.configurations().values().forEach(named -> all.putAll(named.objects()));
            }
        }
        return all;
    }

    /** The in-memory cloud of one provider, such as {@code docker}. */
    public InMemoryCloud cloud(String providerName) {
        return providers.stream().filter(p -> p.name().equals(providerName) && p instanceof InMemoryCloud)
                .map(InMemoryCloud.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no in-memory cloud for provider '" + providerName
                        + "'; known: " + providers.stream().map(Provider::name).toList()));
    }

    /**
     * The in-memory cloud of the named configuration {@code configuration} of a provider (declared with
     * {@code stack.provider(...)}), such as the {@code eu} region of {@code aws}: separate from the default
     * configuration's cloud, as another region or cluster is.
     */
    public InMemoryCloud cloud(String providerName, String configuration) {
        return cloud(providerName).configuration(configuration);
    }

    /** What the clouds hold, comparable across runs: see {@link CloudSnapshot}. */
    public CloudSnapshot snapshot() {
        return CloudSnapshot.of(resources());
    }

    /**
     * What an apply did.
     *
     * @param plan the plan that was applied
     * @param result what the Automation API reported: counts, failures, the outcome per resource
     * @param state the state after apply, as a later run reads it
     * @param resources every object in the in-memory clouds after apply, by address
     */
    public record Applied(Plan plan, ApplyResult result, State state, Map<Address, CloudObject> resources) {

        public Applied {
            resources = java.util.Collections.unmodifiableMap(new TreeMap<>(resources));
        }

        /** The object at {@code address}; fails naming the addresses present when there is none. */
        public CloudObject resource(String address) {
            CloudObject object = resources.get(Address.parse(address));
            if (object == null) {
                throw new AssertionError("no resource at " + address + "; present: " + resources.keySet());
            }
            return object;
        }

        /** The typed stack outputs after apply. */
        public Map<String, Object> outputs() {
            return result.outputs();
        }
    }

    private Applied run(Program program, boolean destroy) {
        try (StackEngine engine = engine(program, true)) {
            ApplyResult result = destroy ? engine.destroy(ApplyRequest.normal()) : engine.apply(ApplyRequest.normal());
            // The stored state as a later run reads it (decoded, not the session's copy), from the same
            // engine: a second engine per apply cost as much as the decode itself.
            return new Applied(result.plan(), result, engine.state(), resources());
        }
    }

    private StackEngine engine(Program program, boolean withPolicies) {
        return Converge.engine(program).stack(stack).workDir(KitEnvironment.WORK_DIR).providers(providers)
                .serviceLoader(false).stateBackend(backend.client()).environment(KitEnvironment.of(config))
                .parallelism(8).policies(withPolicies ? policies : List.of()).releaseLog(false).build();
    }
}
