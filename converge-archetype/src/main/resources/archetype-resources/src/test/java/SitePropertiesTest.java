package ${package};

import dev.converge.engine.plan.Plan;
import dev.converge.testing.KitArbitraries;
import dev.converge.testing.KitProperties;
import dev.converge.testing.Variant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of the program over every configuration, in memory (jqwik). */
class SitePropertiesTest {

    @Provide
    Arbitrary<Variant> variants() {
        return KitArbitraries.variants(new Site(), KitArbitraries.configs(Map.of(), Map.of(
                "site.greeting", Arbitraries.of("Hello", "Moin", "Servus"),
                "site.port", Arbitraries.of("18181", "18182"))));
    }

    @Provide
    Arbitrary<List<Variant>> histories() {
        return KitArbitraries.histories(variants(), 3);
    }

    /**
     * Whatever was applied before, applying the target leaves an empty next plan and the same objects as
     * applying the target to nothing.
     */
    @Property(tries = 40)
    void fromAnyHistoryOfAppliesTheSiteConvergesToTheTarget(@ForAll("histories") List<Variant> history,
            @ForAll("variants") Variant target) {
        Plan plan = KitProperties.converges(SiteTest::kit, history, target);

        // The property says something only if the generated histories reach the target both ways: by
        // replacing the server (about a third of the tries) and by rewriting the file in place (about two
        // in five); the rest have nothing to do.
        Statistics.label("way to the target").collect(way(plan));
        Statistics.label("way to the target").coverage(checker -> {
            checker.check("replaces the server").count(n -> n > 0);
            checker.check("rewrites the file only").count(n -> n > 0);
        });
    }

    private static String way(Plan plan) {
        Plan.Summary summary = plan.summary();
        if (summary.destroy() > 0) {
            return "replaces the server";
        }
        if (summary.change() > 0) {
            return "rewrites the file only";
        }
        return summary.add() > 0 ? "creates everything" : "nothing to do";
    }
}
