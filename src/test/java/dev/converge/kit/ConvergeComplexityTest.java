package dev.converge.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.converge.testing.CodeMeasures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Converge's own complexity budget, with the test kit's measures: file size, method size, class
 * fan-out and no package cycles. Thresholds follow docs/architecture.md (files under ~400 lines, methods under
 * ~40); they were measured on 2026-11-26 and the few files and methods over them are listed below
 * with their size then as a cap: they may shrink (then lower or drop the entry), never grow, and no
 * new offender may join.
 */
class ConvergeComplexityTest {

    static final List<String> MODULES = List.of("iac-api", "iac-engine", "iac-testing", "providers-local",
            "providers-docker", "providers-k8s", "providers-aws");

    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 40;
    static final int MAX_CLASS_FAN_OUT = 30;

    /** Known offenders: file -> lines when measured (cap). */
    static final Map<String, Integer> LARGE_FILES = Map.of();

    /** Known offenders: method (class.method) -> lines when measured (cap). */
    static final Map<String, Integer> LONG_METHODS = Map.of(
            "dev.converge.providers.docker.DockerValidation.checkContainer", 47,
            "dev.converge.providers.aws.DynamoDbTableHandler.update", 41);

    /** Known offenders: class -> other Converge classes it uses when measured (cap). */
    static final Map<String, Integer> HIGH_FAN_OUT = Map.of(
            "dev.converge.providers.aws.AwsProvider", 46,
            "dev.converge.providers.docker.DockerProvider", 33);

    private static JavaClasses code;

    @BeforeAll
    static void importCode() {
        com.tngtech.archunit.ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        code = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("dev.converge.api", "dev.converge.spi", "dev.converge.engine", "dev.converge.testing",
                        "dev.converge.providers");
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("iac-engine")) ? here : here.getParent().getParent();
    }

    @Test
    void filesStayUnder400Lines() {
        List<String> over = new ArrayList<>();
        for (String module : MODULES) {
            CodeMeasures.sourceLines(root().resolve(module).resolve("src/main/java")).forEach((file, lines) ->
                    check(over, module + "/" + file, lines, MAX_FILE_LINES, LARGE_FILES));
        }
        assertThat(over).as("files over " + MAX_FILE_LINES + " lines (or over their recorded cap)").isEmpty();
    }

    @Test
    void methodsStayUnder40Lines() {
        assertThat(code.size()).isGreaterThan(200);
        List<String> over = new ArrayList<>();
        for (JavaClass c : code) {
            for (JavaMethod method : c.getMethods()) {
                check(over, c.getName() + "." + method.getName(), CodeMeasures.methodLines(method), MAX_METHOD_LINES,
                        LONG_METHODS);
            }
        }
        assertThat(over).as("methods over " + MAX_METHOD_LINES + " lines (or over their recorded cap)").isEmpty();
    }

    @Test
    void classesUseAtMost30OtherConvergeClasses() {
        List<String> over = new ArrayList<>();
        for (JavaClass c : code) {
            check(over, c.getName(), CodeMeasures.classFanOut(c, "dev.converge").size(), MAX_CLASS_FAN_OUT,
                    HIGH_FAN_OUT);
        }
        assertThat(over).as("classes using more than " + MAX_CLASS_FAN_OUT + " other Converge classes").isEmpty();
    }

    @Test
    void noPackageCycles() {
        for (String base : List.of("dev.converge.engine", "dev.converge.providers", "dev.converge.testing")) {
            SlicesRuleDefinition.slices().matching(base + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true)
                    .check(code);
        }
        // Known offender: dev.converge.api.deploy (typed deployment outputs) reads them with
        // dev.converge.spi.Values, while the SPI uses api types; reported, not yet fixed.
        SlicesRuleDefinition.slices().matching("dev.converge.(*)..").should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("api.deploy",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.converge.api.deploy")),
                        com.tngtech.archunit.base.DescribedPredicate.describe("spi.Values",
                                (JavaClass c) -> c.getName().equals("dev.converge.spi.Values")))
                .check(code);
    }

    @Test
    void knownOffendersStillExistSoTheListShrinksWhenFixed() {
        List<String> fixed = new ArrayList<>();
        LONG_METHODS.forEach((name, cap) -> {
            int measured = code.stream().flatMap(c -> c.getMethods().stream())
                    .filter(m -> (m.getOwner().getName() + "." + m.getName()).equals(name))
                    .mapToInt(CodeMeasures::methodLines).max().orElse(0);
            if (measured <= MAX_METHOD_LINES) {
                fixed.add(name + " now has " + measured + " lines: remove it from LONG_METHODS");
            }
        });
        assertThat(fixed).isEmpty();
    }

    private static void check(List<String> over, String name, int value, int max, Map<String, Integer> caps) {
        int limit = caps.getOrDefault(name, max);
        if (value > limit) {
            over.add(name + ": " + value + (caps.containsKey(name) ? " (recorded cap " + limit + ")" : ""));
        }
    }
}
