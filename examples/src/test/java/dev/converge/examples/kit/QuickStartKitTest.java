package dev.converge.examples.kit;

import static dev.converge.testing.PlanAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.plan.Plan;
import dev.converge.examples.quickstart.QuickStart;
import dev.converge.providers.local.LocalProvider;
import dev.converge.testing.ConvergeTest;
import dev.converge.testing.KitProperties;
import dev.converge.testing.Variant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick start with the kit: the local provider's schemas and diff; no file written, no process started. */
class QuickStartKitTest {

    static ConvergeTest kit() {
        return ConvergeTest.with(new LocalProvider());
    }

    @Test
    void plansTheDirectoryTheConfigFileAndTheService() {
        Plan plan = kit().plan(new QuickStart());

        assertThat(plan).creates("quickstart-dir", "hello-config", "hello").hasResourceCount(3)
                .resource("hello").hasEntry("env", "PORT", "18080");
    }

    @Test
    void aNewGreetingRewritesTheFileAndReplacesTheService() {
        ConvergeTest kit = kit();
        kit.apply(new QuickStart());

        Plan plan = kit.config("quickstart.greeting", "Hi").plan(new QuickStart());

        assertThat(plan).replaces("hello").leavesUnchanged("quickstart-dir").hasNoDeletes();
    }

    @Test
    void idempotentAndRollbackSafe() {
        Variant hello = Variant.of(new QuickStart(), Map.of());
        Variant hi = Variant.of(new QuickStart(), Map.of("quickstart.greeting", "Hi", "quickstart.port", "18081"));

        KitProperties.idempotent(QuickStartKitTest::kit, hi);
        assertThat(KitProperties.rollbackRestores(QuickStartKitTest::kit, hello, hi).hasChanges()).isTrue();
    }
}
