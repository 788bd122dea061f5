package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InfraRulesTest {

    private static final String TANGLED = "dev.converge.testing.tangled";
    private static final String TIDY = "dev.converge.testing.tidy";
    private static final JavaClasses CODE = new ClassFileImporter().importPackages(TANGLED, TIDY);

    /** A small budget that the tidy sample meets and the tangled one exceeds. */
    private static ComplexityBudget budget(String base) {
        return InfraRules.budget(base).maxResourcesPerMethod(3).maxResourcesPerComponent(4).maxMethodsPerProgram(3)
                .maxComponentFanOut(1).maxClassFanOut(1).maxMethodLines(6);
    }

    @Test
    void theTidySamplePassesEveryRule() {
        for (ArchRule rule : InfraRules.all(TIDY, budget(TIDY))) {
            rule.check(CODE);
        }
    }

    @Test
    void theTangledSampleCallsTheSdkDirectly() {
        assertThatThrownBy(() -> InfraRules.noDirectCloudSdkCalls(TANGLED).check(CODE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BillingStack").hasMessageContaining("software.amazon.awssdk.services.s3.S3Client");
    }

    @Test
    void theTangledSampleHasACycleBetweenComponents() {
        assertThatThrownBy(() -> InfraRules.noCyclesBetweenComponents(TANGLED).check(CODE))
                .hasMessageContaining("Cycle detected").hasMessageContaining("billing").hasMessageContaining("shipping");
    }

    @Test
    void theTangledSampleExceedsEachThresholdOfItsBudget() {
        List<String> failures = budget(TANGLED).rules().stream().map(rule -> rule.evaluate(CODE))
                .filter(EvaluationResult::hasViolation)
                .flatMap(result -> result.getFailureReport().getDetails().stream()).toList();

        assertThat(failures).anyMatch(f -> f.contains("BillingStack.define(") && f.contains("5 resources declared"));
        assertThat(failures).anyMatch(f -> f.contains("BillingStack") && f.contains("5 methods (budget 3)"));
        assertThat(failures).anyMatch(f -> f.contains("component billing has 5 resource declarations (budget 4)"));
        assertThat(failures).anyMatch(f -> f.contains("BillingStack.define(") && f.contains("lines (budget 6)"));
        assertThat(budget(TANGLED).maxClassFanOut(0).classFanOutRule().evaluate(CODE).getFailureReport().getDetails())
                .anyMatch(f -> f.contains("BillingStack has 1 classes depended on (budget 0)"));
    }

    @Test
    void componentFanOutCountsOtherComponents() {
        ArchRule rule = InfraRules.budget(TANGLED).maxComponentFanOut(0).rules().get(5);

        assertThat(rule.evaluate(CODE).getFailureReport().getDetails())
                .containsExactly("component billing has 1 other components depended on (budget 0)",
                        "component shipping has 1 other components depended on (budget 0)");
    }

    @Test
    void importProductionClassesReadsEveryMainClassOfThePackageAndNoTestClass() throws Exception {
        JavaClasses imported = InfraRules.importProductionClasses("dev.converge.testing");

        // What it must find, read from the directory the kit's main classes were loaded from.
        Path root = Path.of(ConvergeTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> expected;
        try (Stream<Path> files = Files.walk(root.resolve("dev/converge/testing"))) {
            expected = files.map(root::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).toList();
        }
        assertThat(expected).contains(ConvergeTest.class.getName());
        assertThat(imported.stream().map(JavaClass::getName)).doesNotContain(InfraRulesTest.class.getName())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
