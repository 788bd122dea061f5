package ${package};

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.plan.Plan;
import dev.converge.providers.local.LocalProvider;
import dev.converge.testing.ConvergeTest;
import org.junit.jupiter.api.Test;

/**
 * The program planned and applied in memory by the test kit: the local provider's own schemas and diff,
 * no directory made, no file written, no process started.
 */
class SiteTest {

    static ConvergeTest kit() {
        return ConvergeTest.with(new LocalProvider()).policies(SitePolicies.all());
    }

    static ConvergeTest applied(ConvergeTest kit) {
        assertThat(kit.apply(new Site()).result().succeeded()).isTrue();
        return kit;
    }

    @Test
    void theFirstPlanCreatesTheDirectoryTheFileAndTheServer() {
        Plan plan = kit().plan(new Site());

        assertThat(plan).creates("site-root", "greeting", "web").hasResourceCount(3)
                .resource("web").hasEntry("env", "PORT", "18181");
    }

    @Test
    void aSecondApplyChangesNothing() {
        ConvergeTest kit = applied(kit());

        assertThat(kit.plan(new Site())).hasNoChanges();
    }

    @Test
    void aNewGreetingRewritesTheFileInPlaceAndKeepsTheServer() {
        ConvergeTest kit = applied(kit());

        Plan plan = kit.config("site.greeting", "Moin").plan(new Site());

        assertThat(plan).updates("greeting").leavesUnchanged("site-root", "web").hasNoDeletes()
                .resource("greeting").changesOnly("content");
    }

    @Test
    void aNewPortReplacesTheServerOnly() {
        ConvergeTest kit = applied(kit());

        Plan plan = kit.config("site.port", "18182").plan(new Site());

        assertThat(plan).replaces("web").leavesUnchanged("site-root", "greeting").hasSummary(1, 0, 1);
    }
}
