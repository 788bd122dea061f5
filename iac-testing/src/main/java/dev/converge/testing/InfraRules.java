package dev.converge.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * ArchUnit rules for a team's infrastructure code: programs use cloud systems only through Converge
 * resources, components (packages) do not depend on each other in cycles, and complexity stays within
 * a budget the team sets ({@link ComplexityBudget}). Add them to the build as an ordinary test:
 * <pre>{@code
 * class InfraCodeTest {
 *     static final JavaClasses CODE = new ClassFileImporter()
 *             .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.acme.infra");
 *
 *     @Test void rules() { InfraRules.all("com.acme.infra").forEach(rule -> rule.check(CODE)); }
 * }
 * }</pre>
 */
public final class InfraRules {

    /** The packages of the cloud SDKs a program must not call directly. */
    public static final List<String> CLOUD_SDK_PACKAGES = List.of("com.github.dockerjava..", "io.fabric8..",
            "software.amazon.awssdk..", "com.amazonaws..", "com.google.cloud..", "com.azure..");

    private InfraRules() {
    }

    /**
     * Classes in {@code basePackage} and below depend on no cloud SDK: every change to real systems
     * goes through Converge resources, so it is planned, shown, recorded in state and checked by
     * policies.
     */
    public static ArchRule noDirectCloudSdkCalls(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(CLOUD_SDK_PACKAGES.toArray(String[]::new))
                .as("infrastructure code in " + basePackage + " does not call cloud SDKs directly")
                .because("changes to real systems must go through Converge resources, so that they are planned, "
                        + "recorded in state and checked by policies");
    }

    /** The components (sub-packages) of {@code basePackage} do not depend on each other in a cycle. */
    public static ArchRule noCyclesBetweenComponents(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("component $1").should().beFreeOfCycles()
                .allowEmptyShould(true)
                .as("components of " + basePackage + " are free of cycles");
    }

    /** A complexity budget with the default thresholds; change them with its methods. */
    public static ComplexityBudget budget(String basePackage) {
        return ComplexityBudget.of(basePackage);
    }

    /** Every rule with the default budget. */
    public static List<ArchRule> all(String basePackage) {
        return all(basePackage, budget(basePackage));
    }

    /** Every rule with the given budget. */
    public static List<ArchRule> all(String basePackage, ComplexityBudget budget) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noDirectCloudSdkCalls(basePackage));
        rules.add(noCyclesBetweenComponents(basePackage));
        rules.addAll(budget.rules());
        return rules;
    }
}
