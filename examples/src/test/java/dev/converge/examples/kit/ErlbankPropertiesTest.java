package dev.converge.examples.kit;

import dev.converge.engine.plan.Plan;
import dev.converge.examples.erlbank.docker.ErlbankDocker;
import dev.converge.examples.erlbank.k8s.ErlbankK8s;
import dev.converge.providers.k8s.KubernetesProvider;
import dev.converge.testing.ConvergeTest;
import dev.converge.testing.KitArbitraries;
import dev.converge.testing.KitProperties;
import dev.converge.testing.Variant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Convergence properties of both Erlbank variants, in memory. */
class ErlbankPropertiesTest {

    @Provide
    Arbitrary<Variant> k8sVariants() {
        return KitArbitraries.variants(new ErlbankK8s(), KitArbitraries.configs(Map.of(),
                Map.of("erlbank.version", Arbitraries.of("1.0.0", "1.1.0"), "accounts.replicas", Arbitraries.of("1", "3"),
                        "log.level", Arbitraries.of("info", "debug"), "erlbank.host", Arbitraries.of("a.local", "b.local"))));
    }

    @Provide
    Arbitrary<Variant> dockerVariants() {
        return KitArbitraries.configs(Map.of(), Map.of("log.level", Arbitraries.of("info", "debug"),
                        "statements.log.level", Arbitraries.of("warn", "debug"), "frontend.port", Arbitraries.of("8080", "0")))
                .map(config -> {
                    Map<String, String> all = new HashMap<>(config);
                    all.putAll(ErlbankDockerKitTest.CONFIG);
                    return Variant.of(new ErlbankDocker(), all);
                });
    }

    @Property(tries = 8)
    void k8sIsIdempotent(@ForAll("k8sVariants") Variant variant) {
        KitProperties.idempotent(() -> ConvergeTest.with(new KubernetesProvider()), variant);
    }

    @Property(tries = 8)
    void k8sRollbackRestoresTheCluster(@ForAll("k8sVariants") Variant v1, @ForAll("k8sVariants") Variant v2) {
        Plan rollback = KitProperties.rollbackRestores(() -> ConvergeTest.with(new KubernetesProvider()), v1, v2);
        Statistics.label("rollback").collect(rollback.hasChanges() ? "changes" : "none");
        // The property says something only if some rollbacks had work to do (most do: about 3 in 4).
        Statistics.label("rollback").coverage(checker -> checker.check("changes").count(n -> n > 0));
    }

    @Property(tries = 6)
    void dockerConvergesFromAnyPriorState(@ForAll("dockerHistories") List<Variant> history,
            @ForAll("dockerVariants") Variant target) {
        Plan plan = KitProperties.converges(ErlbankDockerKitTest::kit, history, target);
        Statistics.label("replacements on the way").collect(plan.summary().destroy() > 0);
        // Converging through replacements is the interesting case; about 9 in 10 targets need one.
        Statistics.label("replacements on the way").coverage(checker -> checker.check(true).count(n -> n > 0));
    }

    @Provide
    Arbitrary<List<Variant>> dockerHistories() {
        return KitArbitraries.histories(dockerVariants(), 2);
    }
}
