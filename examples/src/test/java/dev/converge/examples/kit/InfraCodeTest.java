package dev.converge.examples.kit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.converge.testing.ComplexityBudget;
import dev.converge.testing.InfraRules;
import org.junit.jupiter.api.Test;

/** The examples keep to the rules a team would set for its infrastructure code. */
class InfraCodeTest {

    private static final String EXAMPLES = "dev.converge.examples";
    private static final JavaClasses CODE = InfraRules.importProductionClasses(EXAMPLES);

    /**
     * Thresholds that hold today, measured on 2026-11-26: at most 9 resources declared in one method
     * (AwsServiceStack, ErlbankDocker), 15 in one component (erlbank), 6 methods in a program class
     * (QuickStart), methods up to 29 lines, one other example class used by a class (QuickStart uses
     * HelloService), and no component depending on another.
     */
    static final ComplexityBudget BUDGET = InfraRules.budget(EXAMPLES)
            .maxResourcesPerMethod(10)
            .maxResourcesPerComponent(20)
            .maxMethodsPerProgram(8)
            .maxComponentFanOut(0)
            .maxClassFanOut(2)
            .maxMethodLines(35);

    @Test
    void examplesPassEveryInfraRule() {
        InfraRules.all(EXAMPLES, BUDGET).forEach(rule -> rule.check(CODE));
    }
}
