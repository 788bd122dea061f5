package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.engine.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class KitPropertiesTest {

    static final Supplier<ConvergeTest> KITS = () -> ConvergeTest.with(InMemoryCloud.of(DemoProviders.docker()));

    /** A stack whose shape and values follow its configuration. */
    static final Program SHOP = stack -> {
        var net = stack.add(GenericResource.of("docker:Network", "net"));
        int workers = stack.config().getInt("workers", 1);
        for (int i = 0; i < workers; i++) {
            stack.add(DemoProviders.container("worker-" + i, "shop/worker:" + stack.config().require("version"))
                    .set("memory", stack.config().getInt("memory", 64))
                    .set("networks", List.of(net.output(n -> n.get("name")))));
        }
        if (stack.config().getBoolean("cache", false)) {
            stack.add(GenericResource.of("docker:Volume", "cache"));
        }
    };

    @Provide
    Arbitrary<Variant> variants() {
        return KitArbitraries.variants(SHOP, KitArbitraries.configs(
                Map.of("version", Arbitraries.of("1", "2"), "workers", Arbitraries.of("0", "1", "3")),
                Map.of("memory", Arbitraries.of("64", "128"), "cache", Arbitraries.of("true", "false"))));
    }

    @Property(tries = 30)
    void everyVariantIsIdempotent(@ForAll("variants") Variant variant) {
        KitProperties.idempotent(KITS, variant);
    }

    @Property(tries = 30)
    void convergesFromAnyPriorState(@ForAll("histories") List<Variant> history, @ForAll("variants") Variant target) {
        Plan plan = KitProperties.converges(KITS, history, target);
        Statistics.label("deletes on the way").collect(plan.summary().destroy() > 0);
    }

    @Provide
    Arbitrary<List<Variant>> histories() {
        return KitArbitraries.histories(variants(), 3);
    }

    @Property(tries = 40)
    void rollbackRestoresThePreviousCloud(@ForAll("variants") Variant v1, @ForAll("variants") Variant v2) {
        Plan rollback = KitProperties.rollbackRestores(KITS, v1, v2);
        Statistics.label("rollback").collect(rollback.summary().destroy() > 0 ? "replaces or deletes"
                : rollback.hasChanges() ? "creates or updates only" : "nothing");
        Statistics.label("rollback").coverage(coverage -> {
            coverage.check("replaces or deletes").percentage(p -> p > 10);
            coverage.check("nothing").count(n -> n > 0);
        });
    }

    @Example
    void aNonDeterministicProgramIsNotIdempotent() {
        AtomicInteger runs = new AtomicInteger();
        Program drifting = stack -> stack.add(DemoProviders.container("web", "web:" + runs.incrementAndGet()));

        assertThatThrownBy(() -> KitProperties.idempotent(KITS, Variant.of(drifting, Map.of())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not idempotent")
                .hasMessageContaining("replace web");
    }

    @Example
    void aRetainedResourceBreaksRollback() {
        Program v1 = stack -> stack.add(DemoProviders.container("web", "web:1"));
        Program v2 = stack -> {
            stack.add(DemoProviders.container("web", "web:1"));
            stack.add(GenericResource.of("docker:Volume", "scratch").retainOnDelete());
        };

        assertThatThrownBy(() -> KitProperties.rollbackRestores(KITS, new Variant("v1", v1, Map.of()),
                new Variant("v2", v2, Map.of()))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("+ scratch docker:Volume");
    }
}
