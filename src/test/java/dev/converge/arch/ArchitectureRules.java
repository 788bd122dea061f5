package dev.converge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of docs/architecture.md ("The rules the build enforces") as ArchUnit rules: one pipeline in one direction, providers
 * and engine know each other only through the SPI, the API stays JDK-only, and the library never ends
 * the JVM. Shared by {@link ArchitectureTest} (the real code) and {@link ArchitectureRulesSelfTest}
 * (planted violations, to show each rule can fail).
 */
final class ArchitectureRules {

    static final String API = "dev.converge.api..";
    static final String SPI = "dev.converge.spi..";
    static final String ENGINE = "dev.converge.engine..";
    static final String PROVIDERS = "dev.converge.providers..";

    private static final String ENGINE_PKG = "dev.converge.engine.";

    private ArchitectureRules() {
    }

    /** iac-api is the contract everyone builds on: the JDK (and Jackson annotations at most), nothing else. */
    static final ArchRule API_AND_SPI_DEPEND_ONLY_ON_THE_JDK = classes()
            .that().resideInAnyPackage(API, SPI)
            .should().onlyDependOnClassesThat().resideInAnyPackage(API, SPI, "java..",
                    "com.fasterxml.jackson.annotation..")
            .because("iac-api depends on nothing but the JDK (docs/architecture.md, the module map)");

    static final ArchRule PROVIDERS_NEVER_IMPORT_THE_ENGINE = noClasses()
            .that().resideInAPackage(PROVIDERS)
            .should().dependOnClassesThat().resideInAPackage(ENGINE)
            .because("providers implement the SPI in iac-api and never see the engine");

    static final ArchRule ENGINE_NEVER_IMPORTS_A_PROVIDER = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(PROVIDERS)
            .because("the engine finds providers with ServiceLoader or explicit registration");

    static final ArchRule NO_CYCLES_BETWEEN_MODULE_PACKAGES = slices()
            .matching("dev.converge.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule NO_CYCLES_BETWEEN_ENGINE_PACKAGES = slices()
            .matching("dev.converge.engine.(*)..")
            .should().beFreeOfCycles();

    /** The bottom of the pipeline: state is used by everything and uses nothing of the pipeline. */
    static final ArchRule STATE_DEPENDS_ON_NO_OTHER_ENGINE_PACKAGE = noClasses()
            .that().resideInAPackage(ENGINE_PKG + "state..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PKG + "declare..", ENGINE_PKG + "graph..",
                    ENGINE_PKG + "plan..", ENGINE_PKG + "apply..", ENGINE_PKG + "cli..")
            .because("the pipeline runs declare -> graph -> plan -> apply, all -> state");

    static final ArchRule PLAN_DEPENDS_NEITHER_ON_APPLY_NOR_ON_CLI = noClasses()
            .that().resideInAPackage(ENGINE_PKG + "plan..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PKG + "apply..", ENGINE_PKG + "cli..")
            .because("a plan is a value computed before, and independent of, apply and the command line");

    static final ArchRule APPLY_DOES_NOT_DEPEND_ON_CLI = noClasses()
            .that().resideInAPackage(ENGINE_PKG + "apply..")
            .should().dependOnClassesThat().resideInAPackage(ENGINE_PKG + "cli..")
            .because("apply is driven by the CLI and by tests alike");

    static final ArchRule GRAPH_AND_DECLARE_DO_NOT_DEPEND_ON_LATER_STAGES = noClasses()
            .that().resideInAnyPackage(ENGINE_PKG + "graph..", ENGINE_PKG + "declare..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PKG + "plan..", ENGINE_PKG + "apply..",
                    ENGINE_PKG + "cli..")
            .because("the pipeline runs declare -> graph -> plan -> apply");

    /** Only a {@code public static void main(String[])} may end the JVM; library code returns exit codes. */
    static final ArchRule NO_JVM_EXIT_OUTSIDE_MAIN = noClasses()
            .should().callMethodWhere(DescribedPredicate.describe(
                    "System.exit or Runtime.exit outside a main method",
                    (JavaMethodCall call) -> endsTheJvm(call.getTarget()) && !isMain(call.getOrigin())))
            .because("an embeddable library never ends its host's JVM (docs/architecture.md: errors are data, never System.exit)");

    static final ArchRule API_AND_SPI_DO_NOT_PRINT = noClasses()
            .that().resideInAnyPackage(API, SPI)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("the API and SPI report through return values and diagnostics, never the console");

    private static boolean endsTheJvm(MethodCallTarget target) {
        String owner = target.getOwner().getName();
        return target.getName().equals("exit")
                && (owner.equals(System.class.getName()) || owner.equals(Runtime.class.getName()));
    }

    private static boolean isMain(JavaCodeUnit origin) {
        return origin.getName().equals("main")
                && origin.getModifiers().contains(JavaModifier.STATIC)
                && origin.getModifiers().contains(JavaModifier.PUBLIC)
                && origin.getRawParameterTypes().size() == 1
                && origin.getRawParameterTypes().get(0).isEquivalentTo(String[].class);
    }
}
