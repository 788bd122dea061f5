package ${package};

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.converge.testing.ComplexityBudget;
import dev.converge.testing.InfraRules;
import org.junit.jupiter.api.Test;

/**
 * Rules for the infrastructure code itself (ArchUnit): no cloud SDK called around Converge, no cycles
 * between components (sub-packages), and a complexity budget. Lower the thresholds as the code improves;
 * raise one only on purpose.
 */
class InfraRulesTest {

    private static final String BASE = Site.class.getPackageName();
    private static final JavaClasses CODE = InfraRules.importProductionClasses(BASE);

    /**
     * The generated module measures 3 resources in one method and in its one component, 2 methods in the
     * program class, 2 other classes used by one class (Site uses GreetingServer and SitePolicies) and
     * 20 lines in its longest method (set a threshold to 0 to read the measures in the failure).
     */
    static final ComplexityBudget BUDGET = InfraRules.budget(BASE)
            .maxResourcesPerMethod(5)
            .maxResourcesPerComponent(10)
            .maxMethodsPerProgram(4)
            .maxComponentFanOut(1)
            .maxClassFanOut(3)
            .maxMethodLines(30);

    @Test
    void theInfraCodeKeepsEveryRule() {
        InfraRules.all(BASE, BUDGET).forEach(rule -> rule.check(CODE));
    }
}
