package dev.converge.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ArchUnit rules for a team's infrastructure code: programs use cloud systems only through Converge
 * resources, components (packages) do not depend on each other in cycles, and complexity stays within
 * a budget the team sets ({@link ComplexityBudget}). Add them to the build as an ordinary test:
 * <pre>{@code
 * class InfraCodeTest {
 *     static final JavaClasses CODE = InfraRules.importProductionClasses("com.acme.infra");
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

    /**
     * The classes of {@code basePackage} and below, without test classes, read only from the class-path
     * entries that hold the package. {@code ClassFileImporter.importPackages} also opens every jar on the
     * class path to look for the package (a second or more with the AWS SDK and Fabric8 there); this asks
     * the class loader where the package is instead, and falls back to {@code importPackages} only when
     * the package is in a jar without directory entries.
     */
    public static JavaClasses importProductionClasses(String basePackage) {
        List<URL> roots;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : InfraRules.class.getClassLoader();
            roots = Collections.list(loader.getResources(basePackage.replace('.', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find package " + basePackage + " on the class path", e);
        }
        ClassFileImporter importer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        return roots.isEmpty() ? importer.importPackages(basePackage) : importer.importUrls(roots);
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
