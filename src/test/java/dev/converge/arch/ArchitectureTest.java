package dev.converge.arch;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Checks the production classes of every Converge module on the test classpath (iac-api, iac-engine,
 * iac-testing, the providers, the examples and the benchmarks) against {@link ArchitectureRules} and
 * {@link EngineBoundary}. Every rule must match
 * some classes (ArchUnit fails a rule whose subject is empty), so a rule cannot pass by importing nothing.
 */
@AnalyzeClasses(packages = "dev.converge",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestClassesOfThisModule.class})
class ArchitectureTest {

    static {
        // Rules look at Converge's classes and the names of what they use; importing the closure of
        // the JDK, AWS SDK, Fabric8 and docker-java from the classpath would cost a minute per run.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    /**
     * This module's own test classes live in {@code target/converge-tests/test-classes}, a path that
     * {@link ImportOption.DoNotIncludeTests} does not recognise (it looks for {@code target/test-classes});
     * the planted violations of {@link ArchitectureRulesSelfTest} must stay out wherever they are compiled.
     */
    static final class NoTestClassesOfThisModule implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("/dev/converge/arch/");
        }
    }

    @ArchTest
    static final ArchRule apiAndSpiDependOnlyOnTheJdk = ArchitectureRules.API_AND_SPI_DEPEND_ONLY_ON_THE_JDK;

    @ArchTest
    static final ArchRule providersNeverImportTheEngine = ArchitectureRules.PROVIDERS_NEVER_IMPORT_THE_ENGINE;

    @ArchTest
    static final ArchRule engineNeverImportsAProvider = ArchitectureRules.ENGINE_NEVER_IMPORTS_A_PROVIDER;

    @ArchTest
    static final ArchRule noCyclesBetweenModulePackages = ArchitectureRules.NO_CYCLES_BETWEEN_MODULE_PACKAGES;

    @ArchTest
    static final ArchRule noCyclesBetweenEnginePackages = ArchitectureRules.NO_CYCLES_BETWEEN_ENGINE_PACKAGES;

    @ArchTest
    static final ArchRule stateDependsOnNoOtherEnginePackage = ArchitectureRules.STATE_DEPENDS_ON_NO_OTHER_ENGINE_PACKAGE;

    @ArchTest
    static final ArchRule planDependsNeitherOnApplyNorOnCli = ArchitectureRules.PLAN_DEPENDS_NEITHER_ON_APPLY_NOR_ON_CLI;

    @ArchTest
    static final ArchRule applyDoesNotDependOnCli = ArchitectureRules.APPLY_DOES_NOT_DEPEND_ON_CLI;

    @ArchTest
    static final ArchRule graphAndDeclareDoNotDependOnLaterStages =
            ArchitectureRules.GRAPH_AND_DECLARE_DO_NOT_DEPEND_ON_LATER_STAGES;

    @ArchTest
    static final ArchRule noJvmExitOutsideMain = ArchitectureRules.NO_JVM_EXIT_OUTSIDE_MAIN;

    @ArchTest
    static final ArchRule apiAndSpiDoNotPrint = ArchitectureRules.API_AND_SPI_DO_NOT_PRINT;

    @ArchTest
    static final ArchRule enginePublicTypesAreAllowListed = EngineBoundary.ENGINE_PUBLIC_TYPES_ARE_ALLOW_LISTED;

    @ArchTest
    static final ArchRule nothingOutsideTheEngineUsesItsInternals =
            EngineBoundary.NOTHING_OUTSIDE_THE_ENGINE_USES_ITS_INTERNALS;

    @ArchTest
    static final ArchRule theCliUsesOnlyTheSurface = EngineBoundary.THE_CLI_USES_ONLY_THE_SURFACE;
}
